// The auditors' explorer: GraphiQL from local assets only, talking to this gateway's /graphql.
(function () {
  var tokenInput = document.getElementById('token');
  var who = document.getElementById('who');
  tokenInput.value = sessionStorage.getItem('credit-token') || '';

  function describeToken() {
    var token = tokenInput.value.trim();
    if (!token) { who.textContent = '身份：公众 (PUBLIC)'; return; }
    try {
      var claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      who.textContent = '身份 (caller): ' + claims.sub + ' · ' + (claims.roles || []).join(', ');
    } catch (e) {
      who.textContent = '令牌格式无法识别 (token not readable)';
    }
  }
  tokenInput.addEventListener('input', function () {
    sessionStorage.setItem('credit-token', tokenInput.value.trim());
    describeToken();
  });
  describeToken();

  function fetcher(params) {
    var token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) { return r.json(); });
  }

  var defaultQuery = [
    '# 单位诚信档案：机构编制 + 政务承诺 (an organization across domains)',
    '{',
    '  organizations(filter: { regionCode: "231124" }, first: 3) {',
    '    totalCount',
    '    edges { node { uscc name region { name } commitmentSummary(year: 2026) { published overdueItems } } }',
    '  }',
    '}',
  ].join('\n');

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, isHeadersEditorEnabled: false, shouldPersistHeaders: false }),
  );
})();
