-- Which broad words a document holds together, as an index (docs/search-at-scale.md, twenty-ninth pass). A query of two
-- or three broad words (`ТОО Караганды Газ`) made the full-text index intersect their long posting lists: `тоо`'s
-- 790,000, `газ`'s 350,000 and `караганди`'s 19,000 took 7.8 ms of index for 2,315 matches at 1M, and each other name
-- of the place or completion of the last word was another such intersection. Indexed as pairs, the three words are three
-- short lists (`газ+тоо`, `газ+караганди`, `караганди+тоо`): 1.4 ms.
--
-- The words are a fixed list, not the vocabulary's broad words of the day: an index on an expression must compute the
-- same value for a row for as long as it exists, so a word can only be added by a migration that builds the index again.
-- They are the words more than 10,000 of the 1M load's documents hold (legal forms, places, trade and scope words; not
-- years), and the other one-word names of those places. A word not listed is looked up as before; search is exact either
-- way, because every candidate the pairs find is tested against the query's words (SearchPlan).
--
-- Each pair is one lexeme, the two words in "C" order joined by '+', which no indexed word holds. A row's pairs take some
-- 40 µs to compute: the cost tells the planner to find rows by the index rather than compute them to test a row.
create or replace function read.paired_words() returns text[] language sql immutable parallel safe as $$
    select array(select w from regexp_split_to_table('
    аварииалик авариино автозаправочнаиа ак акмола акмолинск
    актобе алмати ао астана атирау ац безопасност безопасности
    бу взривчатих вк вм газ газбен газовии газонаполнителнаиа
    газоснабжение гкп горнодобиваиущаиа грп групп гурев
    давлением даиарлау депо дэс жабдиктау жк жумистари жшс
    инвест инжиниринг ип караганда караганди карер
    кауипсиздик кв кгп кен компани компрессор костанаи котел
    котелнаиа кран кс курилис кустанаи куткару лифт мамандарди
    материалов металл металлургииа монтаж мпп мунаи на
    нефтебаза нефтегазоваиа обект обогатителнаиа огнетушител
    ондириси онеркасиби онеркасиптик оп опаснии организации
    оскемен отрасл оу павлодар пг пк плиус под подготовка
    подемнии пожарнии пожарнои производственнии пром
    промишленнои промишленност пхв работи рвс ргп резервуар
    рудник рукав саласи сараптамаси свн семеи семипалатинск
    сервис сигнализации склад сосуд спасателние специалистов
    спринклер ст стандарт станцииа строи су тау техно тоо транс
    фабрика филиал химииа химическаиа холдинг целиноград
    чимкент шахта шимкент экспертиза элеватор энергетика
    энерго эп
    ', '\s+') as w where w <> '')
$$;

create or replace function read.word_pairs(search tsvector) returns tsvector language sql immutable strict parallel safe cost 1000 as $$
    with held as (select w from unnest(tsvector_to_array(search)) as w where w = any(read.paired_words()))
    select array_to_tsvector(coalesce(array_agg(a.w || '+' || b.w), '{}'))
    from held a join held b on a.w < b.w collate "C"
$$;

create index if not exists read_search_rows_word_pairs on read.search_rows using gin (read.word_pairs(search))
    with (gin_pending_list_limit = 512);
