#!/bin/sh
# Converts Go's own text/template test tables (Debian golang-1.19-src, BSD-3) into the JSON
# fixtures under test/helm/fixtures/gotemplate. Needs golang-1.19-go and golang-1.19-src:
#   apt-get install -y golang-1.19-go golang-1.19-src && sh test/helm/tools/gotemplate/convert.sh
# The package is copied to a scratch module (internal/fmtsort vendored beside it) and the
# exporters run as tests there, so the data keep their real Go types.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../fixtures/gotemplate" && pwd)
src=/usr/share/go-1.19/src
GO=${GO:-/usr/lib/go-1.19/bin/go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tt"
cp -r "$src/text/template" "$tmp/tt/template"
cp -r "$src/internal/fmtsort" "$tmp/tt/fmtsort"
rm -f "$tmp/tt/template/"example*_test.go "$tmp/tt/template/link_test.go" "$tmp/tt/fmtsort/"*_test.go
find "$tmp/tt" -name '*.go' -exec sed -i 's#"internal/fmtsort"#"tt/fmtsort"#; s#"text/template/parse"#"tt/template/parse"#' {} +
printf 'module tt\n\ngo 1.19\n' > "$tmp/tt/go.mod"
cp "$here/export_exec_test.go.txt" "$tmp/tt/template/zz_export_test.go"
cp "$here/export_parse_test.go.txt" "$tmp/tt/template/parse/zz_export_test.go"
cd "$tmp/tt"
export GOFLAGS=-mod=mod GOCACHE="$tmp/cache" GOPATH="$tmp/gopath" GOTOOLCHAIN=local GO111MODULE=on
FIXTURE_OUT="$out" "$GO" test ./template -run TestExportFixtures -count=1
FIXTURE_OUT="$out" "$GO" test ./template/parse -run TestExportFixtures -count=1
ls -la "$out"
