-- The pairs of words side by side in each document, as one lexeme each ('сервис сараптама'), indexed: the documents where
-- two words are a phrase found from the index instead of by testing every document that holds both (README "Search").
-- A query of two words ranks its phrase matches first; when they are few and far down the order (`Сервис Сараптама` at
-- 1M: 161 phrase matches among 9,705) every one of the 9,705 was read to find them (20–38 ms), and now the index names
-- the 161 (under 1 ms). The index only narrows: the phrase is still tested on each row it names (SearchPlan.Ranked).
--
-- The pairs come from the same positions the phrase operator reads (`a <-> b`: b one position after a), so every phrase
-- match holds its pair. A lexeme never holds a space, so 'a b' is one word pair and no word. At 1M the index took 24 s to
-- build and is 56 MB.
create function read.word_pairs(search tsvector) returns tsvector
language sql immutable strict parallel safe as $$
    select coalesce(array_to_tsvector(array_agg(distinct a.lexeme || ' ' || b.lexeme)), ''::tsvector)
    from (select u.lexeme, p from unnest(search) u, unnest(u.positions) p) a
    join (select u.lexeme, p from unnest(search) u, unnest(u.positions) p) b on b.p = a.p + 1
$$;

-- Without the pending list (fastupdate): a document's pairs are nearly all words no other document pairs, so emptying the
-- list into the index stalled the projector's transaction that filled it (projection lag at 400 decisions/s: p99 1.2 and
-- 3.4 s with it, 122 ms without; each document's six or so pairs then go into the index as it is projected).
create index read_search_rows_word_pairs on read.search_rows using gin (read.word_pairs(search)) with (fastupdate = off);
analyze read.search_rows;
