// The city credit office's quarterly 晾晒 dashboard. Seed 001 §五(二)(三): "按照'月调度、季通报、
// 年考评'要求……组织开展擂台赛活动，每季度'晾晒'工作成绩". It runs only the Dashboard* operations
// of gateway/operations/dashboard.graphql, fetched as the gateway prints them for the safelist, as
// an anonymous caller; every asset comes from this gateway. Names from the data are put in the page
// as text, never as HTML.
(function () {
  'use strict';

  // The seeds' indicators. Each target is read from the API (the domain that computes the rate
  // applies it), never from here; the quotes say where each comes from.
  const INDICATORS = [
    {
      key: 'commitmentCoverage',
      label: '承诺覆盖率',
      // Seed 000 §一(二): "到 2023 年 10 月底前，全市各级政府及部门（不含涉密部门）政务诚信承诺覆盖率达到 85%以上。"
      // (seed 001 table row 1 asked 80 % for 2022: CoverageReport.target follows the year).
      rate: (d) => d.commitmentCoverage && d.commitmentCoverage.coverageRate,
      target: (d) => d.commitmentCoverage && d.commitmentCoverage.target,
      meets: (d) => d.commitmentCoverage && d.commitmentCoverage.meetsTarget,
      detail: (d) => d.commitmentCoverage && `已承诺 ${d.commitmentCoverage.committedOrganizations} / 应承诺 ${d.commitmentCoverage.eligibleOrganizations} 家`,
    },
    {
      key: 'publicationRate',
      label: '承诺公示率',
      // Seed 001 table row 5 (建立政务诚信承诺公开公示制度): "政务诚信承诺公开公示率达到100%。"
      rate: (d) => d.commitmentCoverage && d.commitmentCoverage.publicationRate,
      target: (d) => d.commitmentCoverage && d.commitmentCoverage.publicationTarget,
      meets: (d) => d.commitmentCoverage && d.commitmentCoverage.meetsPublicationTarget,
      detail: (d) => d.commitmentCoverage && `已公示 ${d.commitmentCoverage.publishedOrganizations} / 已承诺 ${d.commitmentCoverage.committedOrganizations} 家`,
    },
    {
      key: 'pushCoverage',
      label: '督促履行覆盖率',
      // Seed 001 table row 2 (建立健全政务承诺履约监督机制): "督促、推动被列为失信被执行人名单的单位
      // 履行法律义务覆盖面应达到100%。"
      rate: (d) => d.pushCoverage && d.pushCoverage.rate,
      target: (d) => d.pushCoverage && d.pushCoverage.target,
      meets: (d) => d.pushCoverage && d.pushCoverage.meetsTarget,
      detail: (d) => d.pushCoverage && `已督促 ${d.pushCoverage.pushedBodies} / 在列 ${d.pushCoverage.listedBodies} 家`,
    },
    {
      key: 'trainingCoverage',
      label: '诚信培训覆盖率',
      // Seed 001 §三(一)4 (加强公务员诚信教育培训): "各级党委、政府及其部门要制定年度培训计划，采取多种
      // 形式开展诚信教育培训……定期开展公务员诚信教育培训". The seeds set no figure; the 80 % is the
      // training subgraph's (TRAINING_COVERAGE_TARGET), the threshold of the evaluation rule
      // TRAINING_COVERAGE_LOW ("诚信教育培训覆盖率低于80%", evaluation/rules/2026.json).
      rate: (d) => d.trainingCoverage && d.trainingCoverage.coverageRate,
      target: (d) => d.trainingCoverage && d.trainingCoverage.target,
      meets: (d) => d.trainingCoverage && d.trainingCoverage.meetsTarget,
      detail: (d) => d.trainingCoverage && `参训 ${d.trainingCoverage.officialsTrained} / 在职 ${d.trainingCoverage.officialCount} 人`,
    },
  ];

  const LEVELS = { RED: '红色', ORANGE: '橙色', YELLOW: '黄色' };
  const LEVEL_COLOURS = { RED: '#d4380d', ORANGE: '#fa8c16', YELLOW: '#fadb14' };
  const GRADE_COLOURS = { A: '#389e0d', B: '#1677ff', C: '#fa8c16', D: '#cf1322' };
  const DEFAULT_REGION = '231100'; // the demo city, 黑河市
  const REFRESH_MS = 5 * 60 * 1000; // the live parts, for a screen left on in a meeting room

  const $ = (id) => document.getElementById(id);
  const state = { operations: null, region: null, quarters: [], quarter: null, unitsAfter: null, warningsAfter: null, charts: {} };

  async function operations() {
    if (!state.operations) {
      const response = await fetch('/dashboard/operations.json', { headers: { accept: 'application/json' } });
      state.operations = await response.json();
    }
    return state.operations;
  }

  /** Runs one of the dashboard's safelisted operations by name. */
  async function run(name, variables) {
    const query = (await operations())[name];
    if (!query) throw new Error(`unknown operation ${name}`);
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ operationName: name, query, variables }),
    });
    const body = await response.json();
    if (body.errors && body.errors.length) {
      const error = new Error(body.errors.map((e) => e.message).join('；'));
      error.partial = body.data;
      throw error;
    }
    return body.data;
  }

  const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
  const signed = (n, digits) => (n > 0 ? '+' : '') + (digits === undefined ? String(n) : n.toFixed(digits));

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = String(text);
    if (className) el.className = className;
    return el;
  }

  /** The quarter before "2026Q3": "2026Q2". */
  function previousQuarter(quarter) {
    const year = Number(quarter.slice(0, 4));
    const q = Number(quarter.slice(5));
    return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
  }

  /** Whether the previous quarter had a 晾晒 to compare with (without one, nothing is "new"). */
  const comparable = () => !!state.quarter && state.quarters.includes(previousQuarter(state.quarter));

  /** ↑3 / ↓2 / 持平 / 新上榜, from a rank change as the API gives it (previous − now; null when absent); — without a previous 晾晒. */
  function changeCell(change, previous) {
    if (!comparable()) return element('td', '—', 'change same');
    if (previous === null || previous === undefined) return element('td', '新上榜', 'change new');
    if (change > 0) return element('td', `↑${change}`, 'change up');
    if (change < 0) return element('td', `↓${-change}`, 'change down');
    return element('td', '持平', 'change same');
  }

  // Each chart follows its box: the grid's rows settle only once the figures and tables are in.
  const resizes = new ResizeObserver((entries) => entries.forEach((entry) => state.charts[entry.target.id]?.resize()));

  function chart(id) {
    if (!state.charts[id]) {
      state.charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
      resizes.observe($(id));
    }
    return state.charts[id];
  }

  function setStatus(text, isError) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }

  // ---- the frame: region, quarters ----

  async function loadFrame() {
    const params = new URLSearchParams(location.search);
    const code = params.get('region') || DEFAULT_REGION;
    const frame = await run('DashboardFrame', { regionCode: code });
    if (!frame.region) throw new Error(`地区 ${code} 不存在 (no region ${code})`);
    state.region = frame.region;
    $('title-region').textContent = frame.region.name;
    document.title = `${frame.region.name}政务诚信季度晾晒`;

    // The region's parent, the region and its children; for a county, its siblings.
    const choices = [];
    if (frame.region.parent) choices.push(frame.region.parent);
    if (frame.region.level === 'COUNTY' && frame.region.parent) {
      choices.push(...(await run('DashboardRegions', { parentCode: frame.region.parent.code })).regions);
    } else {
      choices.push(frame.region, ...frame.region.children);
    }
    const select = $('region');
    select.replaceChildren(...choices.map((r) => {
      const option = element('option', r.name);
      option.value = r.code;
      option.selected = r.code === frame.region.code;
      return option;
    }));

    const quarters = frame.integritySnapshots.map((s) => s.quarter);
    state.quarters = quarters;
    const wanted = params.get('quarter');
    state.quarter = quarters.includes(wanted) ? wanted : quarters[0] || null;
    const quarterSelect = $('quarter');
    quarterSelect.replaceChildren(...(quarters.length ? quarters : ['']).map((q) => {
      const option = element('option', q ? q.replace('Q', '年第') + '季度' : '尚无晾晒 (none yet)');
      option.value = q;
      option.selected = q === state.quarter;
      return option;
    }));
  }

  /** Regions are compared with their siblings: a city's counties, a province's cities; a county among its city's. */
  function comparisonParent() {
    const region = state.region;
    return region.level === 'COUNTY' && region.parent ? region.parent.code : region.code;
  }

  // ---- region against region ----

  function renderRegions(rows) {
    const names = rows.map((r) => r.region.name);
    const highlight = state.region.code;
    chart('chart-regions').setOption({
      animation: false,
      grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', min: (v) => Math.max(0, Math.floor(v.min / 5) * 5 - 5), max: 100 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [{
        name: '平均分',
        type: 'bar',
        data: rows.map((r) => r.meanScore),
        itemStyle: { color: (p) => (rows[p.dataIndex].regionCode === highlight ? '#d4380d' : '#1677ff') },
        label: {
          show: true,
          position: 'right',
          formatter: (p) => {
            const r = rows[p.dataIndex];
            const move = !comparable() ? '' : r.previousRank === null ? '新' : r.rankChange > 0 ? `↑${r.rankChange}` : r.rankChange < 0 ? `↓${-r.rankChange}` : '持平';
            const delta = r.meanScoreChange === null ? '' : ` ${signed(r.meanScoreChange, 1)}`;
            return `第${r.rank}名 ${r.meanScore.toFixed(1)} ${move}${delta}`.trim();
          },
        },
      }],
    }, true);
  }

  /** Each region's indicators today (null until the read model has read them), against the targets. */
  function renderRegionIndicators(rows, targets) {
    chart('chart-region-indicators').setOption({
      animation: false,
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: percent },
      xAxis: { type: 'category', data: rows.map((r) => r.report.region.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
      // One line per distinct target (two indicators aim at 100 %), on the first series that has it.
      series: INDICATORS.map((indicator, index) => {
        const target = targets[indicator.key];
        const first = target !== null && target !== undefined && INDICATORS.findIndex((i) => targets[i.key] === target) === index;
        return {
          name: indicator.label,
          type: 'bar',
          data: rows.map((r) => (r.indicators ? r.indicators[indicator.key] : null)),
          markLine: first ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed' }, label: { formatter: `目标 ${percent(target)}`, position: 'insideEndTop' }, data: [{ yAxis: target }] } : undefined,
        };
      }),
    }, true);
  }

  // ---- indicators against targets ----

  function renderIndicators(data) {
    const kpis = $('kpis');
    kpis.replaceChildren(...INDICATORS.map((indicator) => {
      const rate = indicator.rate(data);
      const meets = indicator.meets(data);
      const box = element('div', null, `kpi ${meets === true ? 'ok' : meets === false ? 'short' : 'none'}`);
      box.dataset.indicator = indicator.key;
      box.append(
        element('div', indicator.label, 'kpi-label'),
        element('div', percent(rate), 'kpi-value'),
        element('div', `目标 ${percent(indicator.target(data))} · ${meets === true ? '达标' : meets === false ? '未达标' : '无数据'}`, 'kpi-target'),
        element('div', indicator.detail(data) || '', 'kpi-detail'),
      );
      return box;
    }));
    const report = data.integrityRegionReport;
    const warningsBox = element('div', null, 'kpi summary');
    const counts = Object.fromEntries(report.warningCounts.map((c) => [c.level, c.count]));
    warningsBox.append(
      element('div', '参评单位 · 平均分', 'kpi-label'),
      element('div', `${report.organizations} · ${report.meanScore.toFixed(1)}`, 'kpi-value'),
      element('div', `预警 红${counts.RED || 0} 橙${counts.ORANGE || 0} 黄${counts.YELLOW || 0}`, 'kpi-target'),
    );
    kpis.append(warningsBox);

    chart('chart-indicators').setOption({
      animation: false,
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: percent },
      xAxis: { type: 'category', data: INDICATORS.map((i) => i.label), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
      series: [
        {
          name: '实际',
          type: 'bar',
          barMaxWidth: 56,
          data: INDICATORS.map((i) => i.rate(data) ?? null),
          itemStyle: { color: (p) => (INDICATORS[p.dataIndex].meets(data) === false ? '#cf1322' : '#389e0d') },
          label: { show: true, position: 'top', formatter: (p) => percent(p.value) },
        },
        {
          name: '目标',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [64, 4],
          data: INDICATORS.map((i) => i.target(data) ?? null),
          itemStyle: { color: '#262626' },
        },
      ],
    }, true);

    const grades = report.gradeCounts.filter((g) => g.count > 0);
    chart('chart-grades').setOption({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, formatter: (name) => `${name} ${(grades.find((g) => `${g.grade}级` === name) || {}).count ?? ''}` },
      series: [{
        name: '等级',
        minShowLabelAngle: 15,
        type: 'pie',
        radius: ['40%', '70%'],
        data: grades.map((g) => ({ name: `${g.grade}级`, value: g.count, itemStyle: { color: GRADE_COLOURS[g.grade] } })),
        label: { position: 'inside', formatter: '{d}%', color: '#fff' },
      }],
    }, true);
  }

  // ---- units ----

  /** The first page of the ranking, or the next one appended (the "more" button). */
  function renderUnits(ranking, more) {
    const body = $('units').querySelector('tbody');
    if (!ranking.snapshot) {
      const row = element('tr');
      const cell = element('td', '本季度尚无晾晒 (no 晾晒 for this quarter)');
      cell.colSpan = 7;
      row.append(cell);
      body.replaceChildren(row);
      $('units-total').textContent = '';
      $('units-more').hidden = true;
      return;
    }
    const rows = ranking.edges.map((e) => e.node).map((node) => {
      const tr = element('tr');
      tr.dataset.uscc = node.organization.uscc;
      tr.append(
        element('td', node.rank, 'num'),
        changeCell(node.rankChange, node.previousRank),
        element('td', node.organization.name),
        element('td', node.score.toFixed(1), 'num'),
        element('td', node.scoreChange === null ? '—' : signed(node.scoreChange, 1), 'num'),
        element('td', node.grade, `grade grade-${node.grade}`),
        element('td', node.warnings, 'num'),
      );
      return tr;
    });
    if (more) body.append(...rows);
    else body.replaceChildren(...rows);
    state.unitsAfter = ranking.pageInfo.endCursor;
    $('units-more').hidden = !ranking.pageInfo.hasNextPage;
    const shown = body.querySelectorAll('tr').length;
    $('units-total').textContent = `前 ${shown} / 共 ${ranking.totalCount} 家${comparable() ? '' : '（上季度无晾晒，无变化可比）'}`;
  }

  async function loadMoreUnits() {
    const data = await run('DashboardUnitRanking', { regionCode: state.region.code, quarter: state.quarter, first: 20, after: state.unitsAfter });
    renderUnits(data.integritySnapshotRanking, true);
  }

  // ---- warnings ----

  function warningRows(connection) {
    return connection.edges.map(({ node }) => {
      const tr = element('tr', null, `level-${node.level}`);
      tr.dataset.uscc = node.organization.uscc;
      tr.dataset.kind = node.kind;
      const level = element('td', LEVELS[node.level] || node.level, 'level');
      level.style.setProperty('--level', LEVEL_COLOURS[node.level] || '#999');
      // Messages are "中文 (English)": the room reads the Chinese, the English stays in the tooltip.
      const zh = node.message.replace(/\s*\([^()]*\)\s*$/, '');
      const message = element('td', zh);
      message.title = node.message;
      tr.append(level, element('td', node.organization.name), element('td', node.organization.region ? node.organization.region.name : ''), message, element('td', node.since, 'num'));
      return tr;
    });
  }

  async function loadWarnings(more) {
    const data = await run('DashboardWarnings', { regionCode: state.region.code, first: 50, after: more ? state.warningsAfter : null });
    const connection = data.warnings;
    const body = $('warnings').querySelector('tbody');
    if (more) body.append(...warningRows(connection));
    else body.replaceChildren(...warningRows(connection));
    state.warningsAfter = connection.pageInfo.endCursor;
    $('warnings-more').hidden = !connection.pageInfo.hasNextPage;
    $('warnings-total').textContent = `共 ${connection.totalCount} 条`;
  }

  // ---- everything for the chosen region and quarter ----

  async function loadAll() {
    setStatus('加载中… (loading…)');
    const quarter = state.quarter;
    const year = quarter ? Number(quarter.slice(0, 4)) : new Date().getFullYear();
    const region = state.region.code;
    const [regionRanking, regionIndicators, units, indicators] = await Promise.all([
      quarter ? run('DashboardRegionRanking', { parentCode: comparisonParent(), quarter }) : { integritySnapshotRegionRanking: [] },
      run('DashboardRegionIndicators', { parentCode: comparisonParent() }),
      quarter ? run('DashboardUnitRanking', { regionCode: region, quarter, first: 20 }) : { integritySnapshotRanking: { snapshot: null, edges: [], totalCount: 0 } },
      run('DashboardIndicators', { regionCode: region, year }),
      loadWarnings(false),
    ]);
    const rows = regionRanking.integritySnapshotRegionRanking;
    renderIndicators(indicators);
    renderRegions(rows);
    renderRegionIndicators(regionIndicators.integrityRegionRanking, Object.fromEntries(INDICATORS.map((i) => [i.key, i.target(indicators)])));
    renderUnits(units.integritySnapshotRanking, false);
    const snapshot = units.integritySnapshotRanking.snapshot;
    setStatus(snapshot ? `晾晒 ${snapshot.quarter}，评价日 ${snapshot.builtFor}；指标与预警为实时` : '本季度尚无晾晒；指标与预警为实时');
    document.body.dataset.loaded = `${region}/${quarter || ''}`;
  }

  function navigate() {
    const params = new URLSearchParams();
    params.set('region', $('region').value);
    if ($('quarter').value) params.set('quarter', $('quarter').value);
    history.replaceState(null, '', `?${params}`);
  }

  async function start() {
    try {
      await loadFrame();
      await loadAll();
    } catch (error) {
      setStatus(`加载失败：${error.message}`, true);
      console.error(error);
    }
  }

  $('region').addEventListener('change', () => {
    navigate();
    document.body.dataset.loaded = '';
    void start();
  });
  $('quarter').addEventListener('change', () => {
    state.quarter = $('quarter').value || null;
    navigate();
    document.body.dataset.loaded = '';
    loadAll().catch((error) => setStatus(`加载失败：${error.message}`, true));
  });
  /** A "more" button waits for its page: a second click meanwhile would ask for the same page again. */
  function moreButton(id, load) {
    $(id).addEventListener('click', () => {
      $(id).disabled = true;
      load()
        .catch((error) => setStatus(`加载失败：${error.message}`, true))
        .finally(() => {
          $(id).disabled = false;
        });
    });
  }
  moreButton('units-more', loadMoreUnits);
  moreButton('warnings-more', () => loadWarnings(true));
  window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
  setInterval(() => {
    if (state.region) loadAll().catch((error) => setStatus(`刷新失败：${error.message}`, true));
  }, REFRESH_MS);

  void start();
})();
