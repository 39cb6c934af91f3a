# Shortcuts for people who type make; ./prosa.sh is the real entry point.
.PHONY: run test setup lint bench package
run: ; ./prosa.sh run
test: ; ./prosa.sh test
setup: ; ./prosa.sh setup
lint: ; ./prosa.sh lint
bench: ; ./prosa.sh bench
package: ; ./prosa.sh package
