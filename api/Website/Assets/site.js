// Progressive enhancement only: every page works without this file (forms are plain GET/POST forms).
(function () {
    'use strict';

    // Document page: a print button (printing works from the browser menu too).
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function () { window.print(); });
    });

    // Bulk check: how many numbers are pasted, against the limit of 1,000.
    var numbers = document.querySelector('textarea[data-count-template]');
    if (numbers) {
        var output = document.getElementById(numbers.getAttribute('aria-describedby'));
        var update = function () {
            var count = numbers.value.split('\n').filter(function (line) { return line.trim() !== ''; }).length;
            output.textContent = numbers.getAttribute('data-count-template').replace('{0}', String(count));
        };
        numbers.addEventListener('input', update);
        update();
    }
})();
