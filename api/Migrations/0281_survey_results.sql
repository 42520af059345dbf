-- Paper survey results for the satisfaction indicators 2.1, 3.1, 4.1 and 5.1 (annex 3 / annex 2), entered by officers
-- with their source. Aggregates only: no respondent is identified.
create table survey_results (
    id           uuid primary key,
    service      text not null,
    indicator    text not null,
    period_label text not null,
    period_from  date not null,
    period_to    date not null,
    respondents  integer not null check (respondents > 0),
    satisfied    integer not null check (satisfied >= 0 and satisfied <= respondents),
    source       text not null,
    recorded_by  text not null,
    recorded_at  timestamptz not null default now()
);
create index survey_results_service_period on survey_results (service, period_from, period_to);

-- Indicator 1.1 reads decided applications of one service by the date of the result.
create index application_refusals_refused_on on application_refusals (refused_on);
create index documents_issued_on on documents (issued_on);
