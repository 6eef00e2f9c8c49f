# SwiftGAN: `make test` and `make demo` do all set-up on a fresh Debian machine.
APT_PACKAGES := libopenblas-dev libfftw3-dev libsndfile1-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test demo bench clean

## Install the Debian packages SwiftGAN needs (quiet and quick when they are present).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build -c release

test: deps
	swift build --build-tests
	swift test --skip-build

bench: build
	.build/release/swiftgan bench

demo: build
	@echo "SwiftGAN demo: coming soon (the WaveGAN issue lands it)."
	.build/release/swiftgan bench --repeats 3

clean:
	rm -rf .build
