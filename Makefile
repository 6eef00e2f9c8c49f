# SwiftGAN: `make test` and `make demo` do all set-up on a fresh Debian machine.
APT_PACKAGES := libopenblas-dev libfftw3-dev libsndfile1-dev
## The report tests open every kind of HTML report in headless Chromium, driven by a Python 3 script; the MPI tests
## run `mpirun -np 2` (Open MPI, whose library SwiftGAN loads at run time).
TEST_PACKAGES := chromium python3 openmpi-bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps install-missing build test consumer-check test-asan fuzz fuzz-build docs demo bench clean

## Install the Debian packages SwiftGAN needs (quiet and quick when they are present).
deps:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(APT_PACKAGES)"

## The packages the tests need besides.
test-deps:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(TEST_PACKAGES)"

install-missing:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build -c release

## Tests run on a release build (the numeric loops are 50x slower unoptimised), with testing enabled for @testable;
## then the consumer package and the DocC catalogs are checked.
TEST_FLAGS := -c release -Xswiftc -enable-testing
test: deps test-deps
	swift build $(TEST_FLAGS) --build-tests
	swift test $(TEST_FLAGS) --skip-build
	@$(MAKE) --no-print-directory consumer-check
	@$(MAKE) --no-print-directory docs

## A package that depends on SwiftGAN by version, as a user's package does (Examples/Pipeline: trains a tiny table,
## series and audio model, samples from each and checks the shapes). The committed HEAD is cloned into
## $(CONSUMER)/SwiftGAN, tagged there with the version of Sources/SwiftGAN/Version.swift, and the example resolves
## it through its file:// URL (SWIFTGAN_URL, so no machine path is committed). Uncommitted changes are not seen.
## The build folder starts empty each run: SwiftPM takes a version tag for immutable, so a kept build would go on
## using the commit that the tag named the first time.
CONSUMER := .build-consumer
SWIFTGAN_VERSION = $(shell sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/SwiftGAN/Version.swift)
consumer-check: deps
	@set -e; clone="$(CURDIR)/$(CONSUMER)/SwiftGAN"; \
	if [ ! -d "$$clone/.git" ]; then git init -q "$$clone"; fi; \
	git -C "$$clone" fetch -q --force "$(CURDIR)" HEAD; \
	git -C "$$clone" checkout -q --force --detach FETCH_HEAD; \
	git -C "$$clone" tag -f "$(SWIFTGAN_VERSION)" >/dev/null; \
	echo "consumer-check: SwiftGAN $$(git -C "$$clone" rev-parse --short HEAD) tagged $(SWIFTGAN_VERSION) in a clone"; \
	rm -rf Examples/Pipeline/Package.resolved "$(CONSUMER)/build"; \
	SWIFTGAN_URL="file://$$clone" swift build -c release --package-path Examples/Pipeline \
		--build-path "$(CONSUMER)/build" --disable-dependency-cache; \
	"$(CONSUMER)/build/release/Pipeline"

## The test suite once under AddressSanitizer and LeakSanitizer (separate build folder). Memory errors and leaks fail
## it, in the test process and in every swiftgan process the tests start; Tests/lsan-suppressions.txt names the
## toolchain's own leaks.
test-asan: deps test-deps
	swift build $(TEST_FLAGS) --build-tests --build-path .build-asan -Xswiftc -sanitize=address
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt \
		swift test $(TEST_FLAGS) --skip-build --build-path .build-asan

## libFuzzer targets (Fuzz/*.swift) over the package built with -sanitize=fuzzer,address. `make fuzz` runs each
## target for FUZZ_SECONDS on FUZZ_JOBS processes (libFuzzer fork mode), starting from the committed seed corpus (Fuzz/corpus/<target>);
## findings go to .build-fuzz/findings, the grown corpus to .build-fuzz/corpus. See docs/reliability.md.
FUZZ_TARGETS := safetensors npy table-csv series-csv model-file audio-file
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 2
FUZZ_BUILD := .build-fuzz
FUZZ_PRODUCTS = $(FUZZ_BUILD)/release
fuzz-build: deps
	swift build -c release --build-path $(FUZZ_BUILD) -Xswiftc -sanitize=fuzzer,address --target SwiftGAN
	@for t in $(FUZZ_TARGETS); do \
		echo "linking fuzz-$$t"; \
		swiftc -O -sanitize=fuzzer,address -parse-as-library -I $(FUZZ_PRODUCTS)/Modules \
			-Xcc -fmodule-map-file=Sources/CFFTW/module.modulemap \
			-Xcc -fmodule-map-file=Sources/CSndFile/module.modulemap \
			-Xcc -fmodule-map-file=$(FUZZ_PRODUCTS)/COpenBLAS.build/module.modulemap \
			-Xcc -fmodule-map-file=$(FUZZ_PRODUCTS)/CMPI.build/module.modulemap \
			Fuzz/FuzzInput.swift Fuzz/$$t.swift $$(ls $(FUZZ_PRODUCTS)/*.build/*.o | grep -v ArgumentParser) \
			-ldl -o $(FUZZ_BUILD)/fuzz-$$t 2>&1 | grep -v 'Cannot export local symbol' || true; \
		test -x $(FUZZ_BUILD)/fuzz-$$t || exit 1; \
	done

fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/findings
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s on $(FUZZ_JOBS) jobs"; \
		SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 $(FUZZ_BUILD)/fuzz-$$t $(FUZZ_BUILD)/corpus/$$t Fuzz/corpus/$$t \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
			-fork=$(FUZZ_JOBS) -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/findings/$$t- > $(FUZZ_BUILD)/fuzz-$$t.log 2>&1 \
			|| { echo "fuzz-$$t found a problem: see $(FUZZ_BUILD)/fuzz-$$t.log and $(FUZZ_BUILD)/findings"; exit 1; }; \
		grep '^#' $(FUZZ_BUILD)/fuzz-$$t.log | tail -n 1; \
	done

## DocC: checks the documentation catalog of every public module (Sources/<M>/<M>.docc) against the module's symbol
## graph, every warning an error (broken symbol links and undocumented parameters included). Symbol graphs come from
## the release build of `make test` (same flags and folder, so neither build undoes the other); BUILD=<other .build>
## reads an existing build's modules instead and builds nothing. Symbol graphs and archives go to .build/docs.
DOC_MODULES := SwiftGAN AudioIO DSP Evaluation Models NN Reports Tabular TensorCore TimeSeries Training
BUILD := .build
DOCS := .build/docs
docs: deps
	@if [ "$(BUILD)" = .build ]; then swift build $(TEST_FLAGS); fi
	@set -e; rm -rf $(DOCS); for m in $(DOC_MODULES); do \
		mkdir -p $(DOCS)/symbols/$$m; \
		swift symbolgraph-extract -module-name $$m -I $(BUILD)/release/Modules -target $$(uname -m)-unknown-linux-gnu \
			-minimum-access-level public -output-dir $(DOCS)/symbols/$$m \
			-Xcc -fmodule-map-file=Sources/CFFTW/module.modulemap \
			-Xcc -fmodule-map-file=Sources/CSndFile/module.modulemap \
			-Xcc -fmodule-map-file=$(BUILD)/release/COpenBLAS.build/module.modulemap \
			-Xcc -fmodule-map-file=$(BUILD)/release/CMPI.build/module.modulemap; \
		docc convert Sources/$$m/$$m.docc --additional-symbol-graph-dir $(DOCS)/symbols/$$m \
			--fallback-display-name $$m --fallback-bundle-identifier swiftgan.$$m \
			--output-path $(DOCS)/$$m.doccarchive --warnings-as-errors \
			> $(DOCS)/$$m.log 2>&1 || { cat $(DOCS)/$$m.log; echo "docs: $$m has warnings (see above)"; exit 1; }; \
		echo "docs: $$m: $$(grep -cE 'warning:|error:' $(DOCS)/$$m.log) warnings, $(DOCS)/$$m.doccarchive"; \
	done

bench: build
	.build/release/swiftgan bench

## The main job on the bundled drums: clips from the pretrained model, then a one-minute training run and its clips.
DEMO := demo-output
demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@if [ -f Samples/models/drums-wavegan.safetensors ]; then \
		.build/release/swiftgan audio generate --model Samples/models/drums-wavegan.safetensors --count 16 \
			--out $(DEMO)/pretrained --seed 1; \
	fi
	.build/release/swiftgan audio train --data Samples/drums --out $(DEMO)/run --minutes 1 --seed 1
	.build/release/swiftgan audio generate --model $(DEMO)/run --count 16 --out $(DEMO)/trained --seed 1
	.build/release/swiftgan audio evaluate --real Samples/drums-heldout --generated $(DEMO)/trained
	@echo
	@echo "Demo clips: $(DEMO)/pretrained (pretrained model) and $(DEMO)/trained (one-minute model);"
	@echo "the run folder $(DEMO)/run holds checkpoints, previews and metrics.jsonl."

clean:
	rm -rf .build
