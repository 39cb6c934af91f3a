#!/usr/bin/env bash
# macOS disk image for Prosa.app (NOT built on Prosa's Linux CI: it runs on the macOS
# runner of .github/workflows/package.yml, called by packaging/build.py).
#   packaging/macos/make_dmg.sh <Prosa.app> <output.dmg>
# The image holds the app and a link to /Applications, so installing is one drag.
set -euo pipefail
app=$1
dmg=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname Prosa -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
