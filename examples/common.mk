# Shared settings for the scalectl recipes. Each recipe includes this file.
# Override any variable on the command line: make up STACK=shop REGION=eu-west-1 ...

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

# The scalectl to run: the one built in this repository, or `SCALECTL=scalectl` when installed.
SCALECTL ?= node $(ROOT)/bin/scalectl.js
REGION   ?= us-east-1
# Any AWS-compatible endpoint (LocalStack, moto): make up ENDPOINT=http://localhost:4566
ENDPOINT ?=
# DRY_RUN=1 plans every step and sends no write; it needs no AWS account. (DRY_RUN=0 is a real run.)
DRY_RUN  ?=

SC     = $(SCALECTL) --region $(REGION) $(if $(ENDPOINT),--endpoint-url $(ENDPOINT))
DRYING = $(filter-out 0 no false,$(DRY_RUN))
DRY    = $(if $(DRYING),--dry-run)

# The steps of `up` depend on each other in the order they are listed: never run them in parallel.
.NOTPARALLEL:

# A dry run needs certificate files to validate; without your own, a throwaway self-signed pair is
# made under .demo/ (never used for a real upload unless you point CERT/KEY at it yourself).
DEMO_DIR ?= .demo
$(DEMO_DIR)/fullchain.pem $(DEMO_DIR)/privkey.pem:
	@mkdir -p $(DEMO_DIR)
	@openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$(DOMAIN)" \
	  -addext "subjectAltName=DNS:$(DOMAIN)" \
	  -keyout $(DEMO_DIR)/privkey.pem -out $(DEMO_DIR)/fullchain.pem 2>/dev/null
	@chmod 600 $(DEMO_DIR)/privkey.pem

# One id per `make` run, so a dry run that cannot reach AWS warns once, not once per step.
ifndef SCALECTL_PLAN_SESSION
export SCALECTL_PLAN_SESSION := $(shell date +%s%N)-$(shell echo $$PPID)
endif
