# Registry: `make run` serves the API with demo data on http://127.0.0.1:5080; `make test` runs the whole suite.
SHELL := /bin/bash
PORT ?= 5080
export REGISTRY_PG_PORT ?= 55432
DB_URL = Host=127.0.0.1;Port=$(REGISTRY_PG_PORT);Username=postgres;Database=registry
N ?= 1000000

.PHONY: run test build migrate pg-up pg-down load-test load-test-smoke seed-large reindex export export-benchmark es-replay-dead-letters mutation clean

build:
	dotnet build Registry.sln -c Release --nologo -v q

pg-up:
	@scripts/pg.sh start

pg-down:
	@scripts/pg.sh stop

migrate: pg-up
	dotnet run --project api -c Release --no-launch-profile -- --MigrateOnly=true --ConnectionStrings:Registry="$(DB_URL)"

run: pg-up
	@scripts/run-api.sh

test: pg-up
	@scripts/test.sh

load-test: pg-up
	@scripts/load-test.sh

load-test-smoke: pg-up
	@scripts/load-test.sh --smoke

seed-large: pg-up
	dotnet run --project api -c Release --no-launch-profile -- --SeedLarge=$(N) --ConnectionStrings:Registry="$(DB_URL)" --Logging:LogLevel:Default=Warning

# Zero-downtime Elasticsearch rebuild: ELASTICSEARCH_URL=http://127.0.0.1:9200 make reindex
reindex: pg-up
	dotnet run --project api -c Release --no-launch-profile -- --Reindex=true --ConnectionStrings:Registry="$(DB_URL)" --Elasticsearch:Url="$(ELASTICSEARCH_URL)" --Projections:Enabled=false --Logging:LogLevel:Default=Warning

# Open-data export (CSV, JSON Lines, datapackage.json, SHA256SUMS) into OpenData:Directory (OPEN_DATA_DIR to override)
export: pg-up
	dotnet run --project api -c Release --no-launch-profile -- --Export=true --ConnectionStrings:Registry="$(DB_URL)" --Projections:Enabled=false --Logging:LogLevel:Default=Warning $(if $(OPEN_DATA_DIR),--OpenData:Directory="$(OPEN_DATA_DIR)")

# Export benchmark: time, CPU and API RSS growth of one export of DB (default registry; seed it with make seed-large)
export-benchmark: pg-up
	@scripts/export-benchmark.sh

# Re-applies documents Elasticsearch refused for good (e.g. after a mapping fix): ELASTICSEARCH_URL=… make es-replay-dead-letters
es-replay-dead-letters: pg-up
	dotnet run --project api -c Release --no-launch-profile -- --ReplayDeadLetters=true --ConnectionStrings:Registry="$(DB_URL)" --Elasticsearch:Url="$(ELASTICSEARCH_URL)" --Projections:Enabled=false --Logging:LogLevel:Default=Warning

# Mutation testing of domain/ (not part of make test; about 27 minutes on this 2-core machine). One file: make mutation MUTATE='**/Deadlines.cs'
mutation:
	@scripts/mutation.sh $(if $(MUTATE),-m "$(MUTATE)")

clean:
	dotnet clean Registry.sln -v q
