-- The anonymous online satisfaction survey (indicators 2.1, 3.1, 4.1, 5.1), reached by a one-time code printed on the
-- result or the refusal notice. Anonymity by construction:
--  * survey_codes keeps the code's SHA-256 only, the service and the month it was issued, and whether it was used —
--    no application, no applicant, no time of use;
--  * survey_answers keeps one row per answered question (service, month of the answer, indicator, satisfied) with no
--    reference to the code and no time finer than the month, so an answer cannot be traced back to a code or a person.
create table survey_codes (
    code_hash    bytea primary key,
    service      text not null,
    issued_month date not null,
    used         boolean not null default false
);

create table survey_answers (
    id        bigint generated always as identity primary key,
    service   text not null,
    month     date not null,                        -- first day of the month of the answer
    indicator text not null,
    satisfied boolean not null
);
create index survey_answers_service_month on survey_answers (service, month);
