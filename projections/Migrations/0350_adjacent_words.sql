-- Which words of a document stand side by side, as an index (README "Search", eighteenth pass). The first page of two
-- words that at most 10,000 documents hold together is their phrase matches first (`ТОО Спринклер`: the names that begin
-- so), then the rest in order. Only the phrase needs every match read: the full-text index finds the documents that
-- hold both words, and each one's positions must be tested (9,321 of them for `тоо спринклер` at 1M, 7,425 heap pages,
-- 17 ms, to find 204 phrase matches). Indexed as pairs, the 204 are one lookup of 'тоо спринклер' (0.3 ms).
--
-- Each pair is one lexeme, the two words and a space between: a word holds no space, so 'астана лиф':* finds the pairs
-- whose second word begins with лиф and whose first is астана. The full-text query still tests each candidate, so the
-- index need only find a superset of the phrase's matches.
create or replace function read.adjacent_words(search tsvector) returns tsvector language plpgsql immutable strict parallel safe as $$
begin
    return (select array_to_tsvector(coalesce(array_agg(distinct p.before || ' ' || p.lexeme), '{}'))
            from (select w.lexeme, w.position, lag(w.lexeme) over o as before, lag(w.position) over o as before_position
                  from (select u.lexeme, unnest(u.positions) as position from unnest(search) u) w
                  window o as (order by w.position)) p
            -- A lexeme may be up to 2,046 bytes; a pair of two long ones is left out rather than fail the write.
            where p.before_position = p.position - 1 and octet_length(p.before) + octet_length(p.lexeme) < 2000);
end $$;

create index if not exists read_search_rows_adjacent_words on read.search_rows using gin (read.adjacent_words(search))
    with (gin_pending_list_limit = 512);
