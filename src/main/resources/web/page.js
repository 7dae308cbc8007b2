// The gateway's web page: groups a page at a time from /api/v1/groups, a group's families loaded when it is
// expanded, the export's health, and the status view. No library: the page works without the internet.
'use strict';
(function () {
  const prefix = document.body.dataset.prefix || '';
  const PAGE_SIZE = 100;
  const OPEN_KEY = 'stackdriver-pushgateway.open';
  const state = { offset: 0, total: 0, filter: '', adminApi: false, projectId: '' };

  // What is expanded, kept across a refresh (as the Pushgateway 1.7 keeps it).
  const open = new Set(JSON.parse(localStorage.getItem(OPEN_KEY) || '[]'));
  function setOpen(id, isOpen) {
    if (isOpen) { open.add(id); } else { open.delete(id); }
    localStorage.setItem(OPEN_KEY, JSON.stringify([...open]));
  }

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  async function getJson(path) {
    const response = await fetch(prefix + path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(path + ': ' + response.status + ' ' + (await response.text()).trim());
    }
    return (await response.json()).data;
  }

  function showError(error) {
    $('error').textContent = String(error.message || error);
    $('error').hidden = false;
  }

  function time(iso) {
    if (!iso) { return 'never'; }
    const date = new Date(iso);
    if (date.getTime() <= 0) { return 'never'; }
    const pad = n => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
      + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  }

  function ago(iso) {
    if (!iso) { return ''; }
    const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    const span = Math.abs(seconds);
    const text = span < 60 ? span + ' s' : span < 3600 ? Math.round(span / 60) + ' min'
      : span < 172800 ? Math.round(span / 3600) + ' h' : Math.round(span / 86400) + ' d';
    return seconds >= 0 ? text + ' ago' : 'in ' + text;
  }

  function labelBadges(labels) {
    const box = el('span', 'labels');
    const names = Object.keys(labels).sort((a, b) =>
      (a === 'job' ? -2 : a === 'instance' ? -1 : 0) - (b === 'job' ? -2 : b === 'instance' ? -1 : 0) || a.localeCompare(b));
    for (const name of names) {
      box.append(el('span', 'label' + (name === 'job' || name === 'instance' ? ' ' + name : ''),
        name + '="' + labels[name] + '"'));
    }
    return box;
  }

  function groupId(labels) {
    return 'g' + JSON.stringify(Object.keys(labels).sort().map(name => [name, labels[name]]));
  }

  function query(labels) {
    return Object.keys(labels).map(name => encodeURIComponent(name) + '=' + encodeURIComponent(labels[name])).join('&');
  }

  // The push API's path of a group, every value in base64url so that any character survives.
  function base64url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    bytes.forEach(b => { binary += String.fromCharCode(b); });
    const encoded = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
    return encoded === '' ? '=' : encoded;
  }
  function pushPath(labels) {
    let path = '/metrics/job@base64/' + base64url(labels.job);
    for (const name of Object.keys(labels).sort()) {
      if (name !== 'job') { path += '/' + encodeURIComponent(name) + '@base64/' + base64url(labels[name]); }
    }
    return path;
  }

  function confirmThen(text, action) {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    $('confirm-yes').onclick = () => { dialog.close(); action(); };
    $('confirm-no').onclick = () => dialog.close();
    dialog.showModal();
  }

  // ---- the group list ----

  async function loadGroups() {
    $('error').hidden = true;
    let data;
    try {
      data = await getJson('/api/v1/groups?offset=' + state.offset + '&limit=' + PAGE_SIZE
        + '&filter=' + encodeURIComponent(state.filter));
    } catch (error) {
      showError(error);
      return;
    }
    if (data.groups.length === 0 && state.offset > 0 && data.total > 0) {
      state.offset = Math.max(0, Math.floor((data.total - 1) / PAGE_SIZE) * PAGE_SIZE);
      return loadGroups();
    }
    state.total = data.total;
    const list = $('groups');
    list.replaceChildren(...data.groups.map(groupCard));
    updatePager(data.groups.length);
    for (const card of list.children) {
      if (open.has(card.dataset.id)) { expandGroup(card, false); }
    }
  }

  function updatePager(shown) {
    $('page-info').textContent = state.total === 0 ? '' : (state.offset + 1) + '–' + (state.offset + shown)
      + ' of ' + state.total + ' group' + (state.total === 1 ? '' : 's');
    $('prev').disabled = state.offset === 0;
    $('next').disabled = state.offset + shown >= state.total;
    $('no-groups').hidden = state.total > 0 || state.filter !== '';
    $('wipe').hidden = !state.adminApi;
    $('wipe').disabled = state.total === 0;
  }

  function groupCard(group) {
    const card = el('div', 'group');
    card.dataset.id = groupId(group.labels);
    card.group = group;
    const head = el('div', 'group-head');
    head.append(el('span', 'caret', '▶'), labelBadges(group.labels));
    const meta = el('span', 'meta');
    if (!group.last_push_successful) {
      meta.append(el('span', 'pill bad', 'last push failed ' + ago(group.last_failure)));
    }
    const pushed = el('span', null, 'pushed ' + ago(group.last_push));
    pushed.title = 'last push ' + time(group.last_push);
    meta.append(pushed, el('span', null, group.series + ' series'));
    meta.append(exportPill(group.export_status));
    if (group.expires_at) {
      const expires = el('span', 'pill warn', 'expires ' + ago(group.expires_at));
      expires.title = 'deleted at ' + time(group.expires_at) + ' unless pushed again';
      meta.append(expires);
    }
    const remove = el('button', 'danger small delete-group', 'Delete group');
    remove.type = 'button';
    remove.onclick = event => {
      event.stopPropagation();
      confirmThen('Delete every metric of the group ' + describe(group.labels) + '?', () => deleteGroup(card));
    };
    meta.append(remove);
    head.append(meta);
    head.onclick = () => (card.classList.contains('open') ? collapseGroup(card) : expandGroup(card, true));
    card.append(head);
    return card;
  }

  function describe(labels) {
    return '{' + Object.keys(labels).sort().map(name => name + '="' + labels[name] + '"').join(', ') + '}';
  }

  function exportPill(status) {
    if (!status) { return el('span', 'pill', 'not exported yet'); }
    if (status.series_failed > 0) {
      const pill = el('span', 'pill bad', status.series_failed + ' series not written');
      pill.title = status.errors.join('\n');
      return pill;
    }
    const pill = el('span', 'pill ok', 'written ' + ago(status.last_export));
    pill.title = status.series_written + ' series written to Cloud Monitoring at ' + time(status.last_export);
    return pill;
  }

  async function deleteGroup(card) {
    const response = await fetch(prefix + pushPath(card.group.labels), { method: 'DELETE' });
    if (!response.ok) {
      showError('Deleting the group failed: ' + response.status + ' ' + (await response.text()).trim());
      return;
    }
    setOpen(card.dataset.id, false);
    card.remove();
    state.total -= 1;
    updatePager($('groups').children.length);
  }

  function collapseGroup(card) {
    card.classList.remove('open');
    card.querySelector('.group-body')?.remove();
    setOpen(card.dataset.id, false);
  }

  async function expandGroup(card, remember) {
    if (remember) { setOpen(card.dataset.id, true); }
    card.classList.add('open');
    let body = card.querySelector('.group-body');
    if (!body) {
      body = el('div', 'group-body', 'Loading…');
      card.append(body);
    }
    let group;
    try {
      group = await getJson('/api/v1/group?' + query(card.group.labels));
    } catch (error) {
      body.textContent = String(error.message);
      return;
    }
    body.replaceChildren(...group.families.map(family => familyBlock(card.dataset.id, family)));
  }

  // ---- a family and its series ----

  function familyBlock(gid, family) {
    const id = gid + '/' + family.name;
    const block = el('div', 'family');
    block.dataset.name = family.name;
    const head = el('div', 'family-head');
    head.append(el('span', 'caret', '▶'), el('span', 'family-name', family.name),
      el('span', 'pill type', family.type.toLowerCase()));
    if (family.help) { head.append(el('span', 'help', family.help)); }
    const meta = el('span', 'meta');
    meta.append(el('span', null, family.metrics.length + ' series'));
    const pushed = el('span', null, 'pushed ' + ago(family.time_stamp));
    pushed.title = time(family.time_stamp);
    meta.append(pushed);
    const cm = family.cloud_monitoring || {};
    if (cm.series_failed > 0) {
      meta.append(el('span', 'pill bad', cm.series_failed + ' rejected'));
    } else if (cm.last_written) {
      const written = el('span', 'pill ok', 'written ' + ago(cm.last_written));
      written.title = cm.series_written + ' Cloud Monitoring series written at ' + time(cm.last_written);
      meta.append(written);
    }
    head.append(meta);
    block.append(head);
    const show = () => {
      block.classList.add('open');
      block.append(familyBody(family));
    };
    head.onclick = () => {
      if (block.classList.contains('open')) {
        block.classList.remove('open');
        block.querySelector('.family-body').remove();
        setOpen(id, false);
      } else {
        show();
        setOpen(id, true);
      }
    };
    if (open.has(id)) { show(); }
    return block;
  }

  function familyBody(family) {
    const body = el('div', 'family-body');
    const cm = family.cloud_monitoring || {};
    const where = el('div', 'cm');
    where.append('Cloud Monitoring: ');
    (cm.metric_types || []).forEach((type, i) => {
      if (i > 0) { where.append(', '); }
      if (state.projectId) {
        const link = el('a', 'mono', type);
        link.href = explorerLink(type);
        link.target = '_blank';
        link.rel = 'noopener';
        link.title = 'Open in Metrics Explorer';
        where.append(link);
      } else {
        where.append(el('code', null, type));
      }
    });
    where.append(' · last written ' + time(cm.last_written) + ' · ' + (cm.series_written || 0) + ' series written');
    body.append(where);

    const table = el('table', 'series');
    const headRow = el('tr');
    headRow.append(el('th', null, 'Labels'), el('th', null, 'Value'));
    table.append(headRow);
    for (const metric of family.metrics) {
      const row = el('tr');
      const labels = el('td');
      labels.append(labelBadges(metric.labels));
      row.append(labels, valueCell(metric));
      table.append(row);
    }
    body.append(table);

    if (cm.rejected && cm.rejected.length > 0) {
      const box = el('div', 'rejected');
      box.append(el('h4', null, 'Not written to Cloud Monitoring'));
      const list = el('ul');
      for (const rejected of cm.rejected) {
        const item = el('li');
        item.append(el('code', null, rejected.series), ': ', el('span', 'reason', rejected.reason));
        list.append(item);
      }
      box.append(list);
      body.append(box);
    }
    return body;
  }

  function valueCell(metric) {
    const cell = el('td', 'value');
    if (metric.value !== undefined) {
      cell.textContent = metric.value;
      return cell;
    }
    const table = el('table', 'inner');
    // in bound order: a JSON object's keys that look like integers ("2") would come first
    const byBound = entries => entries.sort((a, b) => parseFloat(a[0]) - parseFloat(b[0]));
    const pairs = Array.isArray(metric.buckets) ? metric.buckets.map(nativeBucket)
      : metric.buckets ? byBound(Object.entries(metric.buckets)).map(([le, count]) => ['le ' + le, count])
      : byBound(Object.entries(metric.quantiles || {})).map(([q, value]) => ['quantile ' + q, value]);
    pairs.push(['count', metric.count], ['sum', metric.sum]);
    for (const [name, value] of pairs) {
      const row = el('tr');
      row.append(el('th', null, name), el('td', null, value));
      table.append(row);
    }
    cell.append(table);
    return cell;
  }

  // a native histogram's bucket as /api/v1/metrics lists it: [boundaries, lower, upper, count], where boundaries
  // says which ends are in the bucket (0: the upper, 1: the lower, 2: neither, 3: both), as Prometheus' API does
  function nativeBucket([boundaries, lower, upper, count]) {
    const opens = (boundaries === 1 || boundaries === 3) ? '[' : '(';
    const closes = (boundaries === 0 || boundaries === 3) ? ']' : ')';
    return [opens + lower + ', ' + upper + closes, count];
  }

  function explorerLink(type) {
    const pageState = { xyChart: { dataSets: [{ timeSeriesFilter: { filter: 'metric.type="' + type + '"' } }] } };
    return 'https://console.cloud.google.com/monitoring/metrics-explorer?project=' + encodeURIComponent(state.projectId)
      + '&pageState=' + encodeURIComponent(JSON.stringify(pageState));
  }

  // ---- the export's health and the status view ----

  async function loadHealth() {
    try {
      const health = await getJson('/api/v1/export');
      state.projectId = health.project_id || '';
      const pill = $('export-health');
      const stale = !health.last_success
        || Date.now() - new Date(health.last_success).getTime() > 2.5 * health.interval_seconds * 1000;
      pill.className = 'health ' + (stale ? 'bad' : 'ok');
      pill.textContent = (health.backend === 'emulator' ? 'Emulator' : 'Cloud Monitoring')
        + (health.last_success ? ': last export ' + ago(health.last_success) : ': no export yet')
        + (health.retries_total > 0 ? ' · ' + health.retries_total + ' retries' : '');
      fillTable('export-table', health);
    } catch (error) {
      showError(error);
    }
  }

  async function loadStatus() {
    const status = await getJson('/api/v1/status');
    state.adminApi = status.flags['web.enable-admin-api'] === 'true';
    const build = Object.assign({}, status.build_information, { start_time: time(status.start_time) + ' (' + status.start_time + ')' });
    fillTable('build-table', build);
    fillTable('flags-table', status.flags);
    fillTable('webconfig-table', status.web_config || {});
    fillTable('settings-table', status.settings || {});
  }

  function fillTable(id, values) {
    const table = $(id);
    table.replaceChildren();
    for (const [key, value] of Object.entries(values)) {
      if (value === '' && id === 'build-table') { continue; }
      const row = el('tr');
      row.append(el('th', null, key), el('td', null,
        value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value)));
      table.append(row);
    }
  }

  function showView() {
    const status = location.hash === '#status';
    $('metrics-view').hidden = status;
    $('status-view').hidden = !status;
    $('tab-metrics').classList.toggle('active', !status);
    $('tab-status').classList.toggle('active', status);
  }

  // ---- wiring ----

  let filterTimer;
  $('filter').addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => { state.filter = $('filter').value.trim(); state.offset = 0; loadGroups(); }, 250);
  });
  $('refresh').onclick = () => { loadHealth(); loadGroups(); };
  $('prev').onclick = () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadGroups(); };
  $('next').onclick = () => { state.offset += PAGE_SIZE; loadGroups(); };
  $('wipe').onclick = () => confirmThen('Delete every group?', async () => {
    const response = await fetch(prefix + '/api/v1/admin/wipe', { method: 'PUT' });
    if (!response.ok) { showError('Deleting every group failed: ' + response.status); }
    state.offset = 0;
    loadGroups();
  });
  window.addEventListener('hashchange', showView);
  showView();
  Promise.all([loadStatus().catch(showError), loadHealth()]).then(loadGroups).then(() => {
    document.body.dataset.loaded = 'true';
  });
})();
