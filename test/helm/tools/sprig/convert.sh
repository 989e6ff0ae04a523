#!/bin/sh
# Records Sprig's own test templates (Debian golang-github-masterminds-sprig-dev, MIT) with
# what Sprig really renders, into test/helm/fixtures/sprig/cases.json. Needs golang-1.19-go:
#   apt-get install -y golang-1.19-go golang-github-masterminds-sprig-dev
#   sh test/helm/tools/sprig/convert.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../fixtures/sprig" && pwd)
GO=${GO:-/usr/lib/go-1.19/bin/go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkg="$tmp/gopath/src/github.com/Masterminds/sprig"
mkdir -p "$pkg"
cp /usr/share/gocode/src/github.com/Masterminds/sprig/*.go "$pkg/"
rm -f "$pkg/network_test.go" "$pkg/functions_windows_test.go" "$pkg/example_test.go"
sed -i 's/^func runt(/func runtGo(/; s/^func runtv(/func runtvGo(/; s/^\treturn runtv(tpl, expect/\treturn runtvGo(tpl, expect/' "$pkg/functions_test.go"
for f in "$pkg"/*_test.go; do
  sed -i 's/^func \(Test[A-Za-z0-9_]*\)(t \*testing.T) {/&\n\tcurrentTest = "\1"/' "$f"
done
mkdir -p "$tmp/gopath/src/github.com/Masterminds/semver"
ln -s /usr/share/gocode/src/github.com/Masterminds/semver "$tmp/gopath/src/github.com/Masterminds/semver/v3"
cp "$here/record_test.go.txt" "$pkg/zz_record_test.go"
cd "$pkg"
GO111MODULE=off GOPATH="$tmp/gopath:/usr/share/gocode" GOCACHE="$tmp/cache" FIXTURE_OUT="$out" \
  "$GO" test -count=1 . >"$tmp/log" 2>&1 || { tail -30 "$tmp/log"; echo "(Sprig's own tests reported failures above; the recording still stands)"; }
ls -la "$out"
