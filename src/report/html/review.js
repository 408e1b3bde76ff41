// The review page's script: draws each article with its findings highlighted, lazily as it
// scrolls into view, and keeps the filters, the keyboard navigation and the reviewer's
// accepted findings. Every string from the report or an article is put into the page with
// textContent or createTextNode, never as markup.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const files = data.files;
  const findings = data.findings;
  const HEADER = ["file", "line", "column", "end_line", "end_column", "rule", "severity",
    "message", "found", "suggestion", "context", "fingerprint"];
  const SEVERITIES = ["error", "warning", "info"];

  files.forEach(function (file, index) {
    file.index = index;
    file.items = [];
    file.section = null;
    file.body = null;
    file.rendered = false;
  });
  findings.forEach(function (finding, index) {
    finding.index = index;
    finding.accepted = false;
    finding.visible = true;
    finding.element = null;
    finding.parts = [];
    files[finding.file].items.push(finding);
  });
  // Reading order within an article; the report's order breaks ties.
  files.forEach(function (file) {
    file.items.sort(function (a, b) {
      return a.line - b.line || a.column - b.column || a.index - b.index;
    });
  });

  const filters = { severities: new Set(), rules: new Set(), files: new Set(), hideAccepted: false };
  const severities = orderedSeverities();
  severities.forEach(function (severity) { filters.severities.add(severity); });
  let order = [];        // visible findings in reading order, for j and k
  let current = -1;      // index in `order` of the finding last moved to or focused
  let hovered = null;    // the finding whose details show because the pointer is over it
  let hideTimer = 0;

  const $ = function (id) { return document.getElementById(id); };
  const main = $("articles");
  const card = $("card");

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function orderedSeverities() {
    const seen = new Set(findings.map(function (f) { return f.severity; }));
    const known = SEVERITIES.filter(function (s) { return seen.has(s); });
    const other = Array.from(seen).filter(function (s) { return SEVERITIES.indexOf(s) < 0; }).sort();
    return known.concat(other);
  }

  // --- Whitespace and invisible characters made visible ---------------------------------
  const SYMBOLS = {
    " ": ["·", "space"],
    "\u00a0": ["⍽", "no-break space U+00A0"],
    "\u202f": ["⍽", "narrow no-break space U+202F"],
    "\u2007": ["⍽", "figure space U+2007"],
    "\t": ["→", "tab"],
    "\n": ["↵", "line break"],
    "\r": ["␍", "carriage return"],
    "\u200b": ["ZWSP", "zero-width space U+200B"],
    "\u200c": ["ZWNJ", "zero-width non-joiner U+200C"],
    "\u200d": ["ZWJ", "zero-width joiner U+200D"],
    "\u2060": ["WJ", "word joiner U+2060"],
    "\ufeff": ["BOM", "zero-width no-break space U+FEFF"],
    "\u00ad": ["SHY", "soft hyphen U+00AD"]
  };
  const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}]/u;

  function codePoint(c) {
    return "U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  function symbolOf(c) {
    if (SYMBOLS[c]) return SYMBOLS[c];
    if (!INVISIBLE.test(c)) return null;
    return [/\p{Z}/u.test(c) ? "␣" : codePoint(c), codePoint(c)];
  }

  // The text with every space, no-break space, zero-width or control character shown as
  // a marked symbol.
  function visible(text, emptyLabel) {
    const out = element("span", "visible");
    if (text === "") {
      out.appendChild(element("span", "sym none", emptyLabel));
      return out;
    }
    let plain = "";
    for (const c of text) {
      const symbol = symbolOf(c);
      if (!symbol) {
        plain += c;
        continue;
      }
      if (plain) out.appendChild(document.createTextNode(plain));
      plain = "";
      const sym = element("span", symbol[0].length > 1 ? "sym tag" : "sym", symbol[0]);
      sym.title = symbol[1];
      out.appendChild(sym);
    }
    if (plain) out.appendChild(document.createTextNode(plain));
    return out;
  }

  // The labels of the zero-width characters in a finding's text, shown beside it in place.
  function invisibleLabel(text) {
    const labels = [];
    for (const c of text) {
      if (/[\p{Cf}\p{Cc}]/u.test(c) && c !== "\n" && c !== "\r" && c !== "\t") {
        labels.push(symbolOf(c)[0]);
      }
    }
    return labels.join(" ");
  }

  // --- The header, the side panel and its charts ----------------------------------------
  const facetButtons = { severities: new Map(), rules: new Map(), files: new Map() };

  function countBy(key) {
    const counts = new Map();
    findings.forEach(function (f) { counts.set(key(f), (counts.get(key(f)) || 0) + 1); });
    return counts;
  }

  function facetRow(list, kind, value, label, severity) {
    const item = element("li");
    const button = element("button", "facet");
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    const name = element("span", "facet-name", label);
    name.title = label;
    const bar = element("span", "bar");
    const fill = element("span", "fill" + (severity ? " sev-" + severity : ""));
    bar.appendChild(fill);
    const count = element("span", "count");
    button.append(name, bar, count);
    button.addEventListener("click", function () { toggleFacet(kind, value); });
    item.appendChild(button);
    list.appendChild(item);
    facetButtons[kind].set(value, { button: button, fill: fill, count: count });
  }

  function buildSide() {
    const sev = $("severities");
    const severityCounts = countBy(function (f) { return f.severity; });
    severities.forEach(function (severity) {
      const button = element("button", "chip sev-" + severity);
      button.type = "button";
      button.setAttribute("aria-pressed", "true");
      button.append(element("span", "dot"), element("span", "label", severity), element("span", "count"));
      button.addEventListener("click", function () { toggleFacet("severities", severity); });
      sev.appendChild(button);
      facetButtons.severities.set(severity, { button: button, count: button.lastChild, total: severityCounts.get(severity) });
    });
    const byRule = countBy(function (f) { return f.rule; });
    const ruleSeverity = new Map();
    findings.forEach(function (f) {
      const known = ruleSeverity.get(f.rule);
      if (!known || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(known)) ruleSeverity.set(f.rule, f.severity);
    });
    const busiestFirst = function (counts) {
      return Array.from(counts.keys()).sort(function (a, b) {
        return counts.get(b) - counts.get(a) || (a < b ? -1 : a > b ? 1 : 0);
      });
    };
    busiestFirst(byRule).forEach(function (rule) {
      facetRow($("rules"), "rules", rule, rule, ruleSeverity.get(rule));
    });
    const byFile = countBy(function (f) { return f.file; });
    busiestFirst(byFile).forEach(function (index) {
      facetRow($("files"), "files", index, files[index].path, null);
    });
    $("clear-rules").addEventListener("click", function () { filters.rules.clear(); applyFilters(); });
    $("clear-files").addEventListener("click", function () { filters.files.clear(); applyFilters(); });
    $("hide-accepted").addEventListener("change", function (event) {
      filters.hideAccepted = event.target.checked;
      applyFilters();
    });
    $("download").addEventListener("click", downloadBaseline);
  }

  function toggleFacet(kind, value) {
    const set = filters[kind];
    if (set.has(value)) set.delete(value); else set.add(value);
    applyFilters();
  }

  function passes(f, except) {
    return (except === "severities" || filters.severities.has(f.severity)) &&
      (except === "rules" || filters.rules.size === 0 || filters.rules.has(f.rule)) &&
      (except === "files" || filters.files.size === 0 || filters.files.has(f.file)) &&
      !(filters.hideAccepted && f.accepted);
  }

  // Each facet's counts are those the other filters let through, so the bars show what a
  // click would give.
  function updateSide() {
    ["severities", "rules", "files"].forEach(function (kind) {
      const counts = new Map();
      const key = kind === "severities" ? "severity" : kind === "rules" ? "rule" : "file";
      findings.forEach(function (f) {
        if (passes(f, kind)) counts.set(f[key], (counts.get(f[key]) || 0) + 1);
      });
      let max = 0;
      counts.forEach(function (n) { max = Math.max(max, n); });
      const set = filters[kind];
      facetButtons[kind].forEach(function (entry, value) {
        const n = counts.get(value) || 0;
        const pressed = set.has(value);
        const state = {
          count: String(n),
          pressed: pressed ? "true" : "false",
          muted: kind !== "severities" && set.size > 0 && !pressed,
          width: (max ? (100 * n / max) : 0).toFixed(1) + "%"
        };
        // A thousand files: only what changed is written, so the page lays out only that.
        const last = entry.last || {};
        if (last.count !== state.count) entry.count.textContent = state.count;
        if (last.pressed !== state.pressed) entry.button.setAttribute("aria-pressed", state.pressed);
        if (last.muted !== state.muted) entry.button.classList.toggle("muted", state.muted);
        if (entry.fill && last.width !== state.width) entry.fill.style.width = state.width;
        entry.last = state;
      });
    });
    $("clear-rules").hidden = filters.rules.size === 0;
    $("clear-files").hidden = filters.files.size === 0;
  }

  function updateTotals() {
    const totals = $("totals");
    totals.textContent = "";
    const shown = order.length;
    const articleCount = new Set(findings.map(function (f) { return f.file; })).size;
    const stale = findings.filter(function (f) { return f.start === null; }).length;
    totals.appendChild(element("span", "total", plural(findings.length, "finding") + " in " + plural(articleCount, "file")));
    if (shown !== findings.length) totals.appendChild(element("span", "shown", shown + " shown"));
    if (stale) totals.appendChild(element("span", "stale-total", stale + " stale"));
    totals.appendChild(element("span", "source", data.source));
    const accepted = findings.filter(function (f) { return f.accepted; }).length;
    $("accepted-count").textContent = accepted ? plural(accepted, "false alarm") + " marked" : "";
    const download = $("download");
    download.disabled = accepted === 0;
    download.textContent = accepted ? "Download baseline (" + accepted + ")" : "Download baseline";
  }

  // --- Articles ----------------------------------------------------------------------------
  const observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) render(files[Number(entry.target.dataset.index)]);
    });
  }, { rootMargin: "1200px 0px" }) : null;

  function buildArticles() {
    if (findings.length === 0) {
      main.appendChild(element("p", "empty", "No findings in this report: nothing to review."));
      return;
    }
    const fragment = document.createDocumentFragment();
    files.forEach(function (file) {
      if (file.items.length === 0) return;
      const section = element("section", "article");
      section.dataset.index = file.index;
      section.id = "file-" + file.index;
      const head = element("header", "article-head");
      head.appendChild(element("h3", "path", file.path));
      const counts = element("span", "article-counts");
      head.appendChild(counts);
      section.appendChild(head);
      const stale = file.items.filter(function (f) { return f.start === null; });
      if (file.text === null) {
        head.appendChild(element("span", "badge missing", "cannot be read"));
      } else if (stale.length) {
        head.appendChild(element("span", "badge stale", "changed since the report"));
      }
      const body = element("div", "article-body");
      // A placeholder about as tall as the text will be, so the scroll bar is honest
      // before the article is drawn.
      const lines = file.text === null ? 0 : Math.ceil(file.text.length / 90) + (file.text.match(/\n/g) || []).length;
      body.style.minHeight = Math.min(lines * 1.7, 4000) + "em";
      // Articles out of view are neither laid out nor painted until they come near it.
      section.style.containIntrinsicSize = "auto " + Math.round(Math.min(lines * 30, 70000) + 60) + "px";
      section.appendChild(body);
      file.section = section;
      file.counts = counts;
      file.body = body;
      fragment.appendChild(section);
      if (observer) observer.observe(section); else render(file);
    });
    main.appendChild(fragment);
    // The first articles are drawn at once, so the page opens with text rather than
    // placeholders; the rest are drawn as they come near the view.
    let drawn = 0;
    for (const file of files) {
      if (drawn > 20000 || !file.section) break;
      render(file);
      drawn += file.text === null ? 200 : file.text.length;
    }
  }

  function render(file) {
    if (file.rendered) return;
    file.rendered = true;
    if (observer) observer.unobserve(file.section);
    const body = file.body;
    body.style.minHeight = "";
    const stale = file.items.filter(function (f) { return f.start === null; });
    if (stale.length) body.appendChild(staleList(file, stale));
    if (file.text !== null) {
      const text = element("pre", "text format-" + file.format);
      drawText(text, file.text, file.items.filter(function (f) { return f.start !== null; }));
      body.appendChild(text);
    }
    file.items.forEach(showState);
  }

  function staleList(file, stale) {
    const box = element("div", "notice");
    box.appendChild(element("p", "", file.text === null
      ? "This file cannot be read (" + file.problem + "). Its findings are listed without their text:"
      : plural(stale.length, "finding") + " no longer match this file's text (it changed since the report), so " +
        (stale.length === 1 ? "it is" : "they are") + " listed here instead of highlighted:"));
    const list = element("ul", "stale-list");
    stale.forEach(function (f) {
      const item = element("li", "stale-item sev-" + f.severity);
      item.tabIndex = 0;
      item.dataset.staleFingerprint = f.fingerprint;
      item.dataset.i = f.index;
      item.append(element("span", "where", f.line + ":" + f.column), element("span", "rule", f.rule));
      item.appendChild(visible(f.found, "(empty)"));
      f.element = item;
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  // The text with one <mark> per finding around exactly its text. Findings that nest are
  // drawn as nested marks; one that crosses the end of another continues in a second mark
  // after it, which carries data-part-of instead of the fingerprint.
  function drawText(pre, text, items) {
    const queue = items.map(function (f) { return { f: f, start: f.start, end: f.end, part: false }; });
    const byPosition = function (a, b) {
      return a.start - b.start || b.end - a.end || a.f.index - b.f.index;
    };
    queue.sort(byPosition);
    const stack = [{ node: pre, end: Infinity }];
    let pos = 0;
    const flush = function (until) {
      if (until > pos) stack[stack.length - 1].node.appendChild(document.createTextNode(text.slice(pos, until)));
      pos = Math.max(pos, until);
    };
    for (let i = 0; i < queue.length; i++) {
      const piece = queue[i];
      while (stack.length > 1 && piece.start >= stack[stack.length - 1].end) {
        flush(stack[stack.length - 1].end);
        stack.pop();
      }
      flush(piece.start);
      const top = stack[stack.length - 1];
      let end = piece.end;
      if (end > top.end) {
        // Crossing: this mark stops where the enclosing one does; the rest follows later.
        const rest = { f: piece.f, start: top.end, end: piece.end, part: true };
        end = top.end;
        let at = i + 1;
        while (at < queue.length && byPosition(queue[at], rest) <= 0) at++;
        queue.splice(at, 0, rest);
      }
      const mark = element("mark", "hl sev-" + piece.f.severity);
      mark.dataset.i = piece.f.index;
      if (piece.part) {
        mark.classList.add("part");
        mark.dataset.partOf = piece.f.fingerprint;
        piece.f.parts.push(mark);
      } else {
        mark.dataset.fingerprint = piece.f.fingerprint;
        mark.dataset.rule = piece.f.rule;
        mark.dataset.severity = piece.f.severity;
        mark.tabIndex = 0;
        const label = invisibleLabel(piece.f.found);
        if (label) mark.dataset.invisible = label;
        if (/^\s+$/u.test(piece.f.found)) mark.classList.add("space");
        piece.f.element = mark;
      }
      top.node.appendChild(mark);
      stack.push({ node: mark, end: end });
    }
    while (stack.length > 1) {
      flush(stack[stack.length - 1].end);
      stack.pop();
    }
    flush(text.length);
  }

  // A finding's element reflects the filters and whether it was accepted.
  function showState(f) {
    if (!f.element) return;
    const state = (f.visible ? "v" : "-") + (f.accepted ? "a" : "-");
    if (f.shownState === state) return;
    f.shownState = state;
    [f.element].concat(f.parts).forEach(function (node) {
      node.classList.toggle("off", !f.visible);
      node.classList.toggle("accepted", f.accepted);
    });
    f.element.tabIndex = f.visible ? 0 : -1;
    f.element.setAttribute("aria-label", f.severity + " " + f.rule + ": " + f.message + (f.accepted ? " (accepted)" : ""));
  }

  function applyFilters() {
    const shownPerFile = new Map();
    findings.forEach(function (f) {
      f.visible = passes(f, null);
      if (f.visible) shownPerFile.set(f.file, (shownPerFile.get(f.file) || 0) + 1);
    });
    order = [];
    files.forEach(function (file) {
      if (!file.section) return;
      const shown = shownPerFile.get(file.index) || 0;
      if (file.shown !== shown) {
        file.shown = shown;
        file.section.hidden = shown === 0;
        file.counts.textContent = shown === file.items.length
          ? plural(shown, "finding")
          : shown + " of " + plural(file.items.length, "finding");
      }
      file.items.forEach(function (f) {
        if (f.visible) order.push(f);
        if (file.rendered) showState(f);
      });
    });
    current = -1;
    const active = document.activeElement;
    if (active && active.dataset && active.dataset.i !== undefined) {
      current = order.indexOf(findings[Number(active.dataset.i)]);
    }
    updateSide();
    updateTotals();
    if (card.dataset.i !== undefined && !findings[Number(card.dataset.i)].visible) hideCard();
  }

  // --- Details card ------------------------------------------------------------------------
  function fillCard(f) {
    card.textContent = "";
    card.dataset.i = f.index;
    const head = element("div", "card-head");
    head.append(element("span", "badge sev-" + f.severity, f.severity), element("code", "rule", f.rule));
    if (f.accepted) head.appendChild(element("span", "badge accepted-badge", "accepted"));
    card.appendChild(head);
    card.appendChild(element("p", "message", f.message));
    const table = element("dl", "facts");
    const fact = function (name, value) {
      table.appendChild(element("dt", "", name));
      const cell = element("dd");
      cell.appendChild(value);
      table.appendChild(cell);
    };
    fact("Found", visible(f.found, "(nothing: a position)"));
    fact("Suggestion", visible(f.suggestion, "none, or delete"));
    if (f.context) fact("Context", element("span", "context", f.context));
    fact("Where", element("span", "where", files[f.file].path + ":" + f.line + ":" + f.column));
    card.appendChild(table);
    const actions = element("div", "card-actions");
    const accept = element("button", "accept", f.accepted ? "Undo: not a false alarm" : "Accept as a false alarm");
    accept.type = "button";
    accept.addEventListener("click", function () { toggleAccepted(f); });
    actions.append(accept, element("span", "hint", "a"), element("code", "fingerprint", f.fingerprint));
    card.appendChild(actions);
  }

  function showCard(f, anchor) {
    clearTimeout(hideTimer);
    fillCard(f);
    card.hidden = false;
    const box = anchor.getBoundingClientRect();
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    let left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - width - 8);
    let top = box.bottom + 8;
    if (top + height > window.innerHeight && box.top - height - 8 > 0) top = box.top - height - 8;
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (top + window.scrollY) + "px";
  }

  function hideCard() {
    card.hidden = true;
    delete card.dataset.i;
  }

  // After the pointer leaves, the card goes back to the focused finding, or away.
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      hovered = null;
      if (card.contains(document.activeElement) || card.matches(":hover")) return;
      const f = focusedFinding();
      if (f) showCard(f, f.element); else hideCard();
    }, 250);
  }

  function findingOf(node) {
    const holder = node && node.closest ? node.closest("[data-i]") : null;
    return holder && (holder.matches("mark") || holder.matches(".stale-item")) ? findings[Number(holder.dataset.i)] : null;
  }

  function focusedFinding() {
    const f = findingOf(document.activeElement);
    return f && f.element === document.activeElement ? f : null;
  }

  main.addEventListener("mouseover", function (event) {
    const f = findingOf(event.target);
    if (!f || !f.visible || f === hovered) return;
    hovered = f;
    showCard(f, event.target.closest("[data-i]"));
  });
  main.addEventListener("mouseout", function (event) {
    if (findingOf(event.target)) hideSoon();
  });
  card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  card.addEventListener("mouseleave", hideSoon);
  main.addEventListener("focusin", function (event) {
    const f = findingOf(event.target);
    if (!f || f.element !== event.target) return;
    current = order.indexOf(f);
    showCard(f, f.element);
    history.replaceState(null, "", "#" + f.fingerprint);
  });
  main.addEventListener("focusout", hideSoon);

  // --- Navigation and review -------------------------------------------------------------
  function moveTo(index) {
    if (order.length === 0) return;
    current = Math.max(0, Math.min(order.length - 1, index));
    const f = order[current];
    render(files[f.file]);
    f.element.focus({ preventScroll: true });
    f.element.scrollIntoView({ block: "center" });
    showCard(f, f.element);
  }

  function toggleAccepted(f) {
    f.accepted = !f.accepted;
    showState(f);
    if (filters.hideAccepted) applyFilters(); else updateTotals();
    if (card.dataset.i === String(f.index) && !card.hidden) showCard(f, f.element || f.parts[0]);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    if (event.key === "j") {
      moveTo(current + 1);
    } else if (event.key === "k") {
      moveTo(current < 0 ? order.length - 1 : current - 1);
    } else if (event.key === "a") {
      const f = focusedFinding() || (current >= 0 ? order[current] : null);
      if (f) toggleAccepted(f);
    } else if (event.key === "Escape") {
      hideCard();
      if (document.activeElement) document.activeElement.blur();
      return;
    } else {
      return;
    }
    event.preventDefault();
  });

  // --- The baseline: the report's CSV conventions -----------------------------------------
  // As the report writes cells: a cell a spreadsheet would read as a formula gets one more
  // apostrophe; quoted per RFC 4180 when it holds a comma, a quote or a line break.
  function cell(value, neutralise) {
    let text = String(value);
    if (neutralise && /^'*[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function baselineCsv() {
    const lines = [HEADER.join(",")];
    findings.filter(function (f) { return f.accepted; }).forEach(function (f) {
      lines.push([
        cell(files[f.file].path, true), cell(f.line), cell(f.column), cell(f.end_line),
        cell(f.end_column), cell(f.rule, true), cell(f.severity), cell(f.message, true),
        cell(f.found, true), cell(f.suggestion, true), cell(f.context, true), cell(f.fingerprint)
      ].join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function downloadBaseline() {
    const blob = new Blob([baselineCsv()], { type: "text/csv;charset=utf-8" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = "transcheck-baseline.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  // --- Start -------------------------------------------------------------------------------
  buildSide();
  buildArticles();
  applyFilters();
  const linked = location.hash.slice(1);
  if (linked) {
    const at = order.findIndex(function (f) { return f.fingerprint === linked; });
    if (at >= 0) moveTo(at);
  }
  document.documentElement.dataset.ready = "true";
})();
