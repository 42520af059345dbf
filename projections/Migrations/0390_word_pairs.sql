-- Which broad words a document holds together, as an index (docs/search-at-scale.md, twenty-ninth pass). A query of two
-- or three broad words (`ТОО Караганды Газ`) made the full-text index intersect their long posting lists: `тоо`'s
-- 790,000, `газ`'s 350,000 and `караганди`'s 19,000 took 7.8 ms of index for 2,315 matches at 1M, and each other name
-- of the place or completion of the last word was another such intersection. Indexed as pairs, the three words are three
-- short lists (`газ+тоо`, `газ+караганди`, `караганди+тоо`): 1.4 ms.
--
-- The words are a fixed list, not the vocabulary's broad words of the day: an index on an expression must compute the
-- same value for a row for as long as it exists, so a word can only be added by a migration that builds the index again.
-- They are the words more than 10,000 of the 1M load's documents hold that people type in names (legal forms, places
-- with their other one-word names, trade words), and the broad words those begin (`промышленной` for `пром`, `газовый`
-- for `газ`), which a last word typed unfinished matches. Not the other words of the services' scopes (`отрасль`,
-- `объект`), which holders' names hold less than once for every twenty documents whose scope does: with them a document
-- held 22 pairs on average, and writing them made the projection lag miss its target (p99 145 and 473 ms at 400
-- decisions/s, against 90 without the index); without them it holds 6 (p99 74 and 119 ms). A word not listed is looked
-- up by the full-text index as before (SearchPlan).
--
-- Each pair is one lexeme, the two words in "C" order joined by '+', which no indexed word holds. A row's pairs take some
-- 40 µs to compute: the cost tells the planner to find rows by the index rather than compute them to test a row.
create or replace function read.paired_words() returns text[] language sql immutable parallel safe as $$
    select array(select w from regexp_split_to_table('
    ак акмола акмолинск актобе алмати ао астана атирау
    безопасност безопасности газ газбен газовии
    газонаполнителнаиа газоснабжение гкп групп гурев
    депо жк жшс инвест инжиниринг ип караганда караганди
    карер кгп кен компани компрессор костанаи котел
    котелнаиа кран курилис кустанаи лифт металл
    металлургииа монтаж мунаи на нефтебаза оскемен
    павлодар пк плиус пром промишленнои промишленност
    пхв ргп резервуар рудник семеи семипалатинск сервис
    спринклер строи су техно тоо транс филиал химииа
    холдинг целиноград чимкент шахта шимкент элеватор
    энерго
    ', '\s+') as w where w <> '')
$$;

create or replace function read.word_pairs(search tsvector) returns tsvector language sql immutable strict parallel safe cost 1000 as $$
    with held as (select w from unnest(tsvector_to_array(search)) as w where w = any(read.paired_words()))
    select array_to_tsvector(coalesce(array_agg(a.w || '+' || b.w), '{}'))
    from held a join held b on a.w < b.w collate "C"
$$;

create index if not exists read_search_rows_word_pairs on read.search_rows using gin (read.word_pairs(search))
    with (gin_pending_list_limit = 512);
