# Kealm — build, run and test. Every target installs what it needs on a fresh Debian machine.
SWIFT      ?= swift
APT_PKGS   := libgit2-dev libyaml-dev libcurl4-openssl-dev libssl-dev pkg-config libsqlite3-dev git
SHARED     ?= ../shared
KEALM_DBG  := .build/debug/kealm
KEALM_REL  := .build/release/kealm
CONFORMANCE_RUN := $(SHARED)/conformance/kustomize/run

.PHONY: all deps build release run test bench conformance conformance-check fuzz clean

all: build

## deps: install the Debian packages and Python modules the build and tests need (only when missing)
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml

## build: debug build of the kealm binary
build: deps
	$(SWIFT) build

## release: optimised build (used by benchmarks)
release: deps
	$(SWIFT) build -c release

## run: the main job — `kealm up`, the embedded default (no cluster needed)
run: build
	$(KEALM_DBG) up

## test: unit, golden and integration tests
test: deps
	$(SWIFT) test

## bench: benchmarks (speed and memory targets live here, never in timed tests)
bench: release
	bench/run

## conformance: the kustomize conformance corpus (when ../shared is present)
conformance: build
	@if [ -x $(CONFORMANCE_RUN) ]; then \
	  $(CONFORMANCE_RUN) -- $(abspath $(KEALM_DBG)) render; \
	  $(CONFORMANCE_RUN) --exact -- $(abspath $(KEALM_DBG)) render; \
	else echo "no $(CONFORMANCE_RUN); skipping"; fi

## conformance-check: fail when the pass counts drop below conformance/baseline
conformance-check: build
	@bench/conformance-check $(CONFORMANCE_RUN) $(abspath $(KEALM_DBG))

clean:
	rm -rf .build

## fuzz: libFuzzer targets (FUZZ_SECONDS per target, default 60); crashes land in fuzz/crashes/
fuzz:
	fuzz/run $(or $(FUZZ_SECONDS),60)
