// The auditors' explorer: GraphiQL from local assets only, talking to this gateway's /graphql,
// with the explorer plugin's query builder, the saved audit questions, and the last result as a
// table that exports to CSV and .xlsx through the gateway (which runs the query again as the
// caller and writes the export to the audit log: a page cannot be trusted to audit itself).
(function () {
  var h = React.createElement;
  var tokenInput = document.getElementById('token');
  var who = document.getElementById('who');
  var tableStatus = document.getElementById('table-status');
  var tableHost = document.getElementById('table');
  var exportButtons = document.querySelectorAll('[data-export]');
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

  function headers() {
    var token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    var result = { 'content-type': 'application/json' };
    if (token) result.authorization = 'Bearer ' + token;
    return result;
  }

  function errorText(body, status) {
    var errors = (body && body.errors) || [];
    if (!errors.length) return '请求失败 (request failed): HTTP ' + status;
    return errors.map(function (e) { return (e.extensions && e.extensions.code ? e.extensions.code + ': ' : '') + e.message; }).join('\n');
  }

  // ---- the result as a table -------------------------------------------------------------
  var lastRun = null; // the operation behind the table: what an export runs again

  function setExportEnabled(enabled) {
    exportButtons.forEach(function (button) { button.disabled = !enabled; });
  }
  setExportEnabled(false);

  function renderTable(table) {
    tableHost.textContent = '';
    var element = document.createElement('table');
    var head = element.createTHead().insertRow();
    table.columns.forEach(function (column) {
      var th = document.createElement('th');
      th.textContent = column.label;
      th.title = column.key;
      head.appendChild(th);
    });
    var body = element.createTBody();
    table.rows.forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (cell) { tr.insertCell().textContent = cell === null ? '' : String(cell); });
    });
    tableHost.appendChild(element);
    tableStatus.textContent = '共 ' + table.rows.length + ' 行 (' + table.rows.length + ' rows)';
  }

  function showResult(params, result) {
    if (!result || !result.data || (result.errors && result.errors.length)) {
      lastRun = null;
      setExportEnabled(false);
      tableHost.textContent = '';
      tableStatus.textContent = '查询出错，无表格 (the query failed: no table)';
      return;
    }
    lastRun = { query: params.query, variables: params.variables || {}, operationName: params.operationName || null };
    fetch('/explorer/table', { method: 'POST', headers: headers(), body: JSON.stringify({ query: params.query, operationName: params.operationName || null, data: result.data }) })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) { tableStatus.textContent = errorText(answer.body, answer.status); setExportEnabled(false); return; }
        renderTable(answer.body);
        setExportEnabled(true);
      });
  }

  function fileNameOf(response, format) {
    var disposition = response.headers.get('content-disposition') || '';
    var match = /filename="?([^";]+)"?/.exec(disposition);
    return match ? match[1] : 'export.' + format;
  }

  function exportAs(format) {
    if (!lastRun) return;
    tableStatus.textContent = '正在导出… (exporting…)';
    var body = JSON.stringify({ query: lastRun.query, variables: lastRun.variables, operationName: lastRun.operationName, format: format });
    fetch('/explorer/export', { method: 'POST', headers: headers(), body: body }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (answer) { tableStatus.textContent = '导出失败 (export refused): ' + errorText(answer, response.status); });
      }
      var rows = response.headers.get('x-export-rows');
      return response.blob().then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = fileNameOf(response, format);
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        tableStatus.textContent = '已导出 ' + rows + ' 行为 ' + format.toUpperCase() + '，已记入审计日志 (exported ' + rows + ' rows; the export is in the audit log)';
      });
    });
  }
  exportButtons.forEach(function (button) {
    button.addEventListener('click', function () { exportAs(button.getAttribute('data-export')); });
  });

  function fetcher(params) {
    // GraphiQL may still name the operation of the text the editor held before a saved question
    // was loaded: an operation name the text does not define is dropped (a one-operation text needs none).
    if (params.operationName && params.operationName !== 'IntrospectionQuery' &&
        !new RegExp('\\b(query|mutation|subscription)\\s+' + params.operationName + '\\b').test(params.query || '')) {
      params = Object.assign({}, params, { operationName: undefined });
    }
    return fetch('/graphql', { method: 'POST', headers: headers(), body: JSON.stringify(params) })
      .then(function (r) { return r.json(); })
      .then(function (result) {
        if (params.operationName !== 'IntrospectionQuery') showResult(params, result);
        return result;
      });
  }

  // ---- saved audit questions (gateway/explorer/questions/*.graphql) --------------------------
  function QuestionsPanel() {
    var editors = GraphiQL.React.useEditorContext({ nonNull: true });
    var state = React.useState(null);
    var questions = state[0];
    var setQuestions = state[1];
    React.useEffect(function () {
      fetch('/explorer/questions.json').then(function (r) { return r.json(); }).then(function (body) { setQuestions(body.questions); });
    }, []);
    function load(question) {
      editors.queryEditor && editors.queryEditor.setValue(question.query);
      editors.variableEditor && editors.variableEditor.setValue(JSON.stringify(question.variables, null, 2));
    }
    if (!questions) return h('div', { className: 'questions' }, '加载中… (loading…)');
    return h('div', { className: 'questions' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '审计问题库'),
      h('p', { className: 'questions-hint' }, '点击一个问题载入编辑器（含变量），再点运行。(Click a question to load it with its variables, then run it.)'),
      h('ul', null, questions.map(function (question) {
        return h('li', { key: question.id },
          h('button', { type: 'button', className: 'question', 'data-question': question.id, onClick: function () { load(question); }, title: question.purpose },
            h('strong', null, question.title),
            h('span', { className: 'question-en' }, question.titleEn)),
          question.seed ? h('div', { className: 'question-seed' }, '依据：' + question.seed) : null);
      })));
  }
  var questionsPlugin = {
    title: '审计问题库 (saved questions)',
    icon: function () { return h('span', { className: 'questions-icon', 'aria-hidden': 'true' }, '问'); },
    content: QuestionsPanel,
  };
  var builderPlugin = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false, title: '查询构建器 (query builder)' });
  builderPlugin.title = '查询构建器 (query builder)';

  // The builder shows each field's Chinese description beside its name (the schema's descriptions
  // are Chinese first, then English in parentheses; the whole text stays in the tooltip).
  new MutationObserver(function () {
    document.querySelectorAll('.graphiql-explorer-root span[data-field-name][title]:not([data-zh])').forEach(function (span) {
      span.setAttribute('data-zh', span.getAttribute('title').split(/\s\((?=[A-Za-z])/)[0]);
    });
  }).observe(document.getElementById('graphiql'), { childList: true, subtree: true });

  var defaultQuery = [
    '# 单位诚信档案：机构编制 + 政务承诺 (an organization across domains)',
    '# 左侧"查询构建器"可点选字段，"审计问题库"有常用审计问题。(Pick fields in the builder, or load a saved question.)',
    'query OrganizationsOfSunwu {',
    '  organizations(filter: { regionCode: "231124" }, first: 3) {',
    '    totalCount',
    '    edges { node { uscc name region { name } commitmentSummary(year: 2026) { published overdueItems } } }',
    '  }',
    '}',
  ].join('\n');

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    h(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      isHeadersEditorEnabled: false,
      shouldPersistHeaders: false,
      plugins: [builderPlugin, questionsPlugin],
      visiblePlugin: builderPlugin,
    }),
  );
})();
