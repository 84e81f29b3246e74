# The two commands a newcomer needs are `make run` and `make test`; the rest are conveniences.
# Every target picks a JDK >= 21 itself and talks to the local stack of infra/local.

STACK    := infra/local/stack
SERVICES := infra/local/services
MAVEN    := infra/local/maven
# The services whose OpenAPI documents are published with the code, and the documents.
API_SERVICES  := command-side,query-side,saga-orchestrator,projections,infra/identity,infra/exchange-simulator
API_DOCUMENTS := command-side/openapi/command-api.json query-side/openapi/query-api.json \
                 saga-orchestrator/openapi/saga-orchestrator-api.json projections/openapi/projections-api.json \
                 infra/identity/openapi/identity-api.json infra/exchange-simulator/openapi/exchange-simulator-api.json

.DEFAULT_GOAL := help
.PHONY: help build run up down reset status logs test images audit console-tour bench-orders bench-commands bench-replay bench-views replay redrive api-docs api-release cli

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Compile and package every module (no tests)
	$(MAVEN) -q -DskipTests install

run: build ## Build, start the stack, the four services and the exchange simulator; Ctrl-C stops it all
	@infra/local/run

up: build ## The same as run, in the background; INSTANCES=2 runs two of each service (ports + 100)
	$(STACK) up
	eval "$$($(STACK) env)" && $(SERVICES) up

down: ## Stop every service and the stack (data is kept under .local/)
	$(SERVICES) down
	$(STACK) down

reset: ## Stop everything and delete the local data (event stores, topics, views, metrics, the venue's book); CONFIRM=yes
	@[ "$(CONFIRM)" = yes ] || { echo "make reset deletes every order, event, view and metric of the local stack; run 'make reset CONFIRM=yes'" >&2; exit 2; }
	$(SERVICES) down
	$(STACK) reset --yes
	rm -rf .local/exchange

status: ## What runs where: port, health and resident memory of every process
	@$(STACK) status
	@echo
	@$(SERVICES) status

logs: ## Follow the services' logs
	$(SERVICES) logs

test: ## Start the stack if needed and run every test (unit and integration)
	@infra/local/test

images: build ## Build every service's OCI image as a tarball (<module>/target/jib-image.tar) with Jib: no Docker needed
	@infra/images/build

api-docs: ## Rewrite the published OpenAPI documents (<service>/openapi/*.json) from the code; review the diff
	$(MAVEN) -q -DskipTests install -pl $(API_SERVICES) -am
	$(STACK) up
	$(MAVEN) -o verify -pl $(API_SERVICES) -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='CommandSideApplicationIT,QuerySideApplicationIT,SagaOrchestratorApplicationIT,ProjectionsApplicationIT,IdentityIT,ExchangeSimulatorApplicationIT' \
	  -Dopenapi.write=true

api-release: ## Mark the published OpenAPI documents as released: the baseline the breaking-change check compares with
	for document in $(API_DOCUMENTS); do cp "$$document" "$$(dirname "$$document")/released/"; done

cli: ## The customer CLI on the SDK: make cli ARGS="login --client-id cust-1 --client-secret ..." (or infra/cli/trading ...)
	$(MAVEN) -q -DskipTests install -pl infra/cli -am
	@infra/cli/trading $(ARGS)

replay: ## Rebuild a view from the topics and swap it in: make replay VIEW=customer-orders|portfolios|accounts|account-activities|all [ARGS=--dry-run]
	@test -n "$(VIEW)" || { echo "usage: make replay VIEW=customer-orders|portfolios|accounts|account-activities|all [ARGS='--dry-run --delete-old']"; exit 2; }
	@infra/local/replay --view "$(VIEW)" $(ARGS)

redrive: ## Dead letters: make redrive ARGS="list | show SOURCE | redrive|discard SOURCE --reason TEXT ID...|--all" (needs make up)
	@infra/local/redrive $(ARGS)

audit: ## Check every invariant of DOMAIN.md against the event store (needs the stack; ARGS=--allow-live on a busy system)
	$(MAVEN) -q -DskipTests install -pl infra/audit -am
	eval "$$($(STACK) env)" && $(MAVEN) -q -pl infra/audit exec:java -Dexec.mainClass=com.example.trading.audit.EventStoreAudit -Dexec.args="$(ARGS)"

console-tour: ## Screenshots of each operator console page into infra/console/docs/tour (needs make run; TOUR_ORDER=<an order id>)
	$(MAVEN) -q -DskipTests install -pl infra/e2e -am
	$(MAVEN) -q -pl infra/e2e exec:java -Dexec.mainClass=com.example.trading.e2e.ConsoleTour -Dexec.classpathScope=test

bench-orders: ## 1,000 orders over 50 accounts end to end, then the audit; orders/s and placement-to-end p50/p99 (needs make up)
	$(MAVEN) -q -DskipTests install -pl infra/benchmarks -am
	eval "$$($(STACK) env)" && $(MAVEN) -q -pl infra/benchmarks exec:java -Dexec.mainClass=com.example.trading.benchmarks.orders.OrderRunBenchmark

bench-commands: ## Placements/s through the command API next to PostgreSQL's insert ceiling (needs make up)
	$(MAVEN) -q -DskipTests install -pl infra/benchmarks -am
	eval "$$($(STACK) env)" && $(MAVEN) -q -pl infra/benchmarks exec:java -Dexec.mainClass=com.example.trading.benchmarks.CommandBenchmark

bench-views: ## How soon the live views show a deposit and an order's end, p50/p99 on an idle system (needs make up)
	$(MAVEN) -q -DskipTests install -pl infra/benchmarks -am
	eval "$$($(STACK) env)" && $(MAVEN) -q -pl infra/benchmarks exec:java -Dexec.mainClass=com.example.trading.benchmarks.ViewLatencyBenchmark

bench-replay: ## Replay events/s next to Elasticsearch's raw bulk rate, same run (needs the stack; make build first)
	$(MAVEN) -q -DskipTests install -pl infra/benchmarks -am
	eval "$$($(STACK) env)" && $(MAVEN) -q -pl infra/benchmarks exec:java -Dexec.mainClass=com.example.trading.benchmarks.ReplayBenchmark
