# SwiftGAN: `make test` and `make demo` do all set-up on a fresh Debian machine.
APT_PACKAGES := libopenblas-dev libfftw3-dev libsndfile1-dev
## The report tests open every kind of HTML report in headless Chromium, driven by a Python 3 script.
TEST_PACKAGES := chromium python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps install-missing build test demo bench clean

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

## Tests run on a release build (the numeric loops are 50x slower unoptimised), with testing enabled for @testable.
TEST_FLAGS := -c release -Xswiftc -enable-testing
test: deps test-deps
	swift build $(TEST_FLAGS) --build-tests
	swift test $(TEST_FLAGS) --skip-build

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
