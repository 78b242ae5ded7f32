# The front door. `make run` and `make test` are the two commands the README gives.
.PHONY: run test deps build web bench lint fuzz clean

DATA ?= var/selfdirect.db
PORT ?= 8080
# The demo council `make run` loads into an empty database (docs/synthetic.md).
DEMO_PEOPLE ?= 5000
DEMO_SEED ?= 1

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release -DSELFDIRECT_BUILD_TESTS=OFF -DSELFDIRECT_BUILD_BENCH=OFF > /dev/null
	@cmake --build build/release --target selfdirect

web: deps
	@cd web && npm run --silent build

## Install what is missing, build, migrate the database, load a demo council the first time
## (when the database has no council) and serve on http://localhost:8080
run: build web
	@./build/release/selfdirect migrate --data $(DATA)
	@./build/release/selfdirect demo generate --data $(DATA) --people $(DEMO_PEOPLE) \
		--seed $(DEMO_SEED) --if-empty
	@./build/release/selfdirect serve --data $(DATA) --port $(PORT) --web-root web/dist \
		--allow-administrators-without-totp

## Install what is missing, build, and run every test suite
test: deps
	@scripts/test-all

## Benchmarks: print figures beside a baseline and the ratio (see bench/RESULTS.md)
bench: deps
	@cmake --preset release -DSELFDIRECT_BUILD_TESTS=OFF -DSELFDIRECT_BUILD_BENCH=ON > /dev/null
	@cmake --build build/release
	@scripts/run-bench build/release

lint: deps
	@scripts/lint

## Fuzz every parser for FUZZ_SECONDS each (default 30), with clang's libFuzzer
fuzz: deps
	@scripts/fuzz $(or $(FUZZ_SECONDS),30)

clean:
	rm -rf build test-output web/dist
