// deltagraph: the one script of the worksheet page (`deltagraph serve`) and of the report
// (`deltagraph report`). Vanilla JavaScript, no build step, nothing fetched from elsewhere.
// It does no math: verdicts, hints and diagrams come from the server (worksheet) or are
// already in the page (report).
"use strict";
(function () {
  const body = document.body;
  const mode = body.dataset.mode;
  const words = document.getElementById("words").dataset;
  const sheet = document.getElementById("sheet");
  const diagram = document.getElementById("diagram");
  const status = document.getElementById("status");

  // ---- rows and diagram nodes -------------------------------------------------------------

  // The summary of the verdicts on `rows`, one definition for the worksheet and the report
  // (and the same as `check`'s): every judged value by its verdict (a given value copied
  // wrong is a slip), and as unanswered only a value the student was to compute and has not
  // (a given value left alone is not unanswered). A different convention is said only when
  // there is one.
  function summary(rows) {
    const counts = { ok: 0, slip: 0, carried: 0, convention: 0, unanswered: 0 };
    rows.forEach((row) => {
      const v = row.dataset.verdict;
      if (v === undefined || (v === "unanswered" && row.dataset.given !== undefined)) return;
      counts[v] = (counts[v] || 0) + 1;
    });
    const convention = counts.convention
      ? words.summaryConvention.replace("{convention}", String(counts.convention))
      : "";
    return words.summary.replace(/\{(\w+)\}/g, (_, k) =>
      k === "convention" ? convention : String(counts[k] || 0));
  }

  // A step: a worksheet row (`tr`) or a step of the report's derivation (`div`).
  const steps = () => Array.from(sheet.querySelectorAll(".step[data-name]"));
  const rowOf = (name) => steps().find((r) => r.dataset.name === name) || null;

  // The id of a diagram node: Graphviz writes it as the node's <title>; the built-in renderer
  // writes no ids, so its label's first line is read instead ("neuron 5 · …", "x1 = 1", "loss …").
  function nodeId(g) {
    const title = g.querySelector(":scope > title");
    if (title) return title.textContent.trim();
    const first = (g.nextElementSibling && g.nextElementSibling.textContent) || "";
    let m = first.match(/^neuron (\d+)/);
    if (m) return "n" + m[1];
    m = first.match(/^(x\d+) =/);
    if (m) return m[1];
    if (/^loss/.test(first)) return "L";
    return "";
  }

  function diagramNodes() {
    const svg = diagram.querySelector("svg");
    if (!svg) return [];
    let nodes = Array.from(svg.querySelectorAll("g.node"));
    if (nodes.length === 0) {
      // layout-rs: a <g> with the box, followed by the <text> of its label.
      nodes = Array.from(svg.querySelectorAll("g")).filter((g) => g.querySelector("rect"));
      nodes.forEach((g) => g.classList.add("node"));
    }
    nodes.forEach((g) => { g.dataset.node = nodeId(g); });
    return nodes.filter((g) => g.dataset.node);
  }

  let selected = null; // a diagram node id

  function select(node, scrollTo) {
    selected = node;
    steps().forEach((r) => r.classList.toggle("selected", node !== null && r.dataset.node === node));
    diagramNodes().forEach((g) => g.classList.toggle("selected", g.dataset.node === node));
    const first = sheet.querySelector("tr.step.selected");
    if (first) {
      const group = first.closest("tbody");
      if (group && group.classList.contains("collapsed") && scrollTo === "row" && !sheet.querySelector("tbody:not(.collapsed) tr.step.selected")) {
        unfold(group, true);
      }
      const visible = sheet.querySelector("tbody:not(.collapsed) tr.step.selected") || first;
      if (scrollTo === "row") visible.scrollIntoView({ block: "center" });
    }
    if (scrollTo === "diagram") {
      const g = diagramNodes().find((n) => n.dataset.node === node);
      if (g) g.scrollIntoView({ block: "nearest", inline: "center" });
    }
  }

  function selectName(name, scrollTo) {
    const row = rowOf(name);
    if (!row) return;
    select(row.dataset.node || null, scrollTo);
    steps().forEach((r) => r.classList.toggle("selected", r === row || (!!row.dataset.node && r.dataset.node === row.dataset.node)));
    if (scrollTo === "row") {
      const group = row.closest("tbody");
      if (group && group.classList.contains("collapsed")) unfold(group, true);
      row.scrollIntoView({ block: "center" });
    }
    if (mode === "report") history.replaceState(null, "", "#" + encodeURIComponent(name));
  }

  // The diagram beside the steps while that leaves it three quarters of its own size or more;
  // else across the top above them, kept in view (the tutorial's network in a 1280-pixel
  // window). The steps' column is at most 44rem wide (style.css).
  function fitDiagram() {
    const svg = diagram.querySelector("svg");
    if (!svg || !svg.width || !svg.width.baseVal) return;
    const natural = svg.width.baseVal.value;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const beside = document.querySelector("main").clientWidth - 44 * rem;
    const stacked = beside < 0.75 * natural;
    body.classList.toggle("stacked", stacked);
    // Across the top the diagram stays in view, so a step scrolled to ("nearest", "center")
    // goes below it, not under it.
    const pane = document.getElementById("diagram-pane");
    document.documentElement.style.scrollPaddingTop = stacked
      ? Math.ceil(pane.getBoundingClientRect().height) + 8 + "px"
      : "";
  }
  window.addEventListener("resize", fitDiagram);

  function bindDiagram() {
    fitDiagram();
    diagramNodes().forEach((g) => {
      g.addEventListener("click", () => {
        const node = g.dataset.node;
        const first = steps().find((r) => r.dataset.node === node);
        select(node, "row");
        if (mode === "report" && first) history.replaceState(null, "", "#" + encodeURIComponent(first.dataset.name));
      });
    });
    if (selected !== null) select(selected, null);
  }

  function unfold(group, open) {
    group.classList.toggle("collapsed", !open);
    const b = group.querySelector("button.fold");
    if (b) b.setAttribute("aria-expanded", String(open));
  }

  function bindRows() {
    sheet.querySelectorAll("button.fold").forEach((b) => {
      b.addEventListener("click", () => unfold(b.closest("tbody"), b.getAttribute("aria-expanded") !== "true"));
    });
    sheet.querySelectorAll("button.name").forEach((b) => {
      b.addEventListener("click", () => selectName(b.closest("tr").dataset.name, "diagram"));
    });
  }

  function showVerdict(row, verdict, cause) {
    row.dataset.verdict = verdict;
    row.querySelector(".word").textContent = verdict === "unanswered" ? "" : (words[verdict] || verdict);
    row.querySelector(".cause").textContent = cause || "";
  }

  // ---- the worksheet ------------------------------------------------------------------------

  function worksheet() {
    const specBox = document.getElementById("spec-text");
    const specError = document.getElementById("spec-error");
    const builtInSpec = specBox.value;
    let customSpec = null; // the pasted spec's text, or null for the server's own
    let checkTimer = null, diagramTimer = null, generation = 0;

    const storeKey = () => "deltagraph:values:" + (customSpec === null ? "default:" + hash(builtInSpec) : hash(customSpec));
    function hash(s) {
      let h = 5381;
      for (let i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
      return h.toString(36);
    }
    function inputs() { return Array.from(sheet.querySelectorAll("tr.step input")); }
    function values() {
      const v = {};
      inputs().forEach((i) => { if (i.value.trim() !== "") v[i.name] = i.value; });
      return v;
    }
    function save() {
      try { localStorage.setItem(storeKey(), JSON.stringify(values())); } catch (e) { /* private mode: nothing kept */ }
    }
    function restore() {
      let v = {};
      try { v = JSON.parse(localStorage.getItem(storeKey()) || "{}") || {}; } catch (e) { v = {}; }
      fill(v);
    }
    function fill(v) {
      inputs().forEach((i) => { i.value = Object.prototype.hasOwnProperty.call(v, i.name) ? v[i.name] : ""; });
    }
    function say(text) { status.textContent = text; }

    async function post(path, payload) {
      if (customSpec !== null && !("spec" in payload)) payload.spec = customSpec;
      // The page's language, so that causes and errors come back in it.
      const lang = body.dataset.lang ? "?lang=" + encodeURIComponent(body.dataset.lang) : "";
      const r = await fetch(path + lang, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
      });
      let data = null;
      try { data = await r.json(); } catch (e) { data = null; }
      return { ok: r.ok, status: r.status, data: data };
    }

    async function check() {
      const mine = ++generation;
      let sent = values();
      let answer;
      try {
        answer = await post("/api/check", { values: sent });
        const unreadable = {};
        if (!answer.ok && answer.status === 422 && answer.data && answer.data.errors) {
          // Judge the rest; say what is wrong with the boxes that cannot be read.
          answer.data.errors.forEach((e) => { unreadable[e.name] = e.message; delete sent[e.name]; });
          answer = await post("/api/check", { values: sent });
        }
        if (mine !== generation) return;
        if (!answer.ok) { say(words.serverError + ": " + ((answer.data && answer.data.error) || answer.status)); return; }
        const byName = {};
        answer.data.forEach((j) => { byName[j.name] = j; });
        steps().forEach((row) => {
          const j = byName[row.dataset.name];
          row.classList.toggle("unreadable", row.dataset.name in unreadable);
          if (j) {
            showVerdict(row, j.verdict, describe(j));
          } else {
            showVerdict(row, "unanswered", unreadable[row.dataset.name] || "");
          }
        });
        say(summary(steps()));
      } catch (e) {
        if (mine === generation) say(words.serverError);
      }
    }

    function describe(j) {
      if (j.cause) return j.cause;
      // Rounding that destroyed the value: the student is told to keep more figures.
      if (j.rounding_note) return j.rounding_note;
      if (j.verdict === "carried") {
        return j.carried_from && j.carried_from.length
          ? words.carriedFrom + " " + j.carried_from.join(", ")
          : words.carriedRounding;
      }
      // Which convention, in words: the verdict alone does not say what differs.
      if (j.verdict === "convention" && j.convention_text) return j.convention_text;
      return "";
    }

    async function redraw() {
      try {
        const answer = await post("/api/diagram", { values: values() });
        if (answer.ok && answer.data && answer.data.svg) {
          diagram.innerHTML = answer.data.svg;
          bindDiagram();
        }
      } catch (e) { /* the old diagram stays */ }
    }

    function changed() {
      save();
      clearTimeout(checkTimer);
      clearTimeout(diagramTimer);
      checkTimer = setTimeout(check, 120);
      diagramTimer = setTimeout(redraw, 400);
    }

    function bindInputs() {
      inputs().forEach((i) => i.addEventListener("input", changed));
      sheet.querySelectorAll("button.hint, button.show").forEach((b) => {
        b.addEventListener("click", async () => {
          const row = b.closest("tr");
          const out = row.querySelector("output.hint-text");
          const answer = await post("/api/step", { name: row.dataset.name, values: values() });
          if (!answer.ok) { out.textContent = (answer.data && answer.data.error) || words.serverError; return; }
          out.textContent = b.classList.contains("hint")
            ? answer.data.hint
            : row.dataset.name + " = " + answer.data.exact + " (" + words.exact + ")";
        });
      });
    }

    async function useSpec(text) {
      specError.textContent = "";
      const answer = await post("/api/spec", { spec: text });
      if (!answer.ok) {
        specError.textContent = (answer.data && answer.data.error) || words.serverError;
        return false;
      }
      customSpec = text === builtInSpec ? null : text;
      try {
        if (customSpec === null) localStorage.removeItem("deltagraph:spec");
        else localStorage.setItem("deltagraph:spec", customSpec);
      } catch (e) { /* not kept */ }
      sheet.querySelectorAll("tbody").forEach((t) => t.remove());
      sheet.insertAdjacentHTML("beforeend", answer.data.rows);
      diagram.innerHTML = answer.data.svg;
      document.querySelector("h1 .sub").textContent = answer.data.name || "network";
      selected = null;
      bindRows();
      bindInputs();
      bindDiagram();
      restore();
      await check();
      redraw();
      return true;
    }

    document.getElementById("toggle-spec").addEventListener("click", (e) => {
      const panel = document.getElementById("spec-panel");
      panel.hidden = !panel.hidden;
      e.currentTarget.setAttribute("aria-expanded", String(!panel.hidden));
    });
    document.getElementById("use-spec").addEventListener("click", () => useSpec(specBox.value));
    document.getElementById("use-tutorial").addEventListener("click", () => {
      specBox.value = builtInSpec;
      useSpec(builtInSpec);
    });
    document.getElementById("load-spec").addEventListener("change", async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      specBox.value = await file.text();
      e.target.value = "";
      useSpec(specBox.value);
    });
    document.getElementById("load-csv").addEventListener("change", async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      const text = await file.text();
      e.target.value = "";
      const answer = await post("/api/csv", { csv: text });
      if (!answer.ok) { say((answer.data && answer.data.error) || words.serverError); return; }
      fill(answer.data.values);
      changed();
      say(words.loaded + " " + file.name);
    });
    document.getElementById("save-csv").addEventListener("click", () => {
      const quote = (s) => (/[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
      const lines = ["name,value"];
      inputs().forEach((i) => { if (i.value.trim() !== "") lines.push(quote(i.name) + "," + quote(i.value.trim())); });
      const blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "hand.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      say(words.saved + " hand.csv");
    });
    document.getElementById("clear").addEventListener("click", () => {
      fill({});
      changed();
    });

    bindInputs();
    let stored = null;
    try { stored = localStorage.getItem("deltagraph:spec"); } catch (e) { stored = null; }
    if (stored !== null && stored !== builtInSpec) {
      specBox.value = stored;
      useSpec(stored).then((ok) => { if (!ok) { restore(); check(); redraw(); } });
    } else {
      restore();
      check();
      redraw();
    }
  }

  // ---- the report ---------------------------------------------------------------------------

  function report() {
    // Play the calculation: every computed value in derivation order (forward pass, then the
    // backward pass, gradients and updates), lighting its step and its node.
    const order = steps().filter((r) => r.dataset.order !== undefined);
    let at = -1, timer = null;
    const playButton = document.getElementById("play");
    const playLabel = playButton.textContent;
    let checked = false;
    steps().forEach((step) => {
      const v = step.dataset.verdict || "unanswered";
      const word = step.querySelector(".verdict .word");
      if (!word) return;
      checked = true;
      word.textContent = words[v] || v;
      const wrote = step.querySelector(".you-wrote");
      if (wrote) wrote.textContent = words.youWrote + " " + wrote.textContent;
    });
    status.textContent = checked ? summary(steps()) : "";

    function show(k) {
      at = Math.max(-1, Math.min(k, order.length - 1));
      order.forEach((r, i) => {
        r.classList.toggle("played", i < at);
        r.classList.toggle("playing", i === at);
      });
      const step = order[at];
      diagramNodes().forEach((g) => g.classList.toggle("playing", !!step && g.dataset.node === step.dataset.node));
      if (step) {
        step.scrollIntoView({ block: "nearest" });
        status.textContent = (at + 1) + " / " + order.length + ": " + step.dataset.name;
      } else {
        status.textContent = summary;
      }
    }
    function stop() {
      clearInterval(timer);
      timer = null;
      playButton.setAttribute("aria-pressed", "false");
      playButton.textContent = playLabel;
    }
    playButton.addEventListener("click", () => {
      if (timer) { stop(); return; }
      body.classList.add("playing");
      if (at >= order.length - 1) show(-1);
      playButton.setAttribute("aria-pressed", "true");
      playButton.textContent = "❚❚";
      show(at + 1);
      timer = setInterval(() => {
        if (at >= order.length - 1) { stop(); return; }
        show(at + 1);
      }, 700);
    });
    document.getElementById("step-on").addEventListener("click", () => { body.classList.add("playing"); show(at + 1); });
    document.getElementById("step-back").addEventListener("click", () => { body.classList.add("playing"); show(at - 1); });
    document.getElementById("reset").addEventListener("click", () => {
      stop();
      body.classList.remove("playing");
      show(-1);
    });
    // Click a step to find it in the diagram.
    steps().forEach((step) => {
      step.addEventListener("click", () => selectName(step.dataset.name, "diagram"));
    });
    const fromHash = () => {
      const name = decodeURIComponent(location.hash.slice(1));
      if (name) selectName(name, "row");
    };
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  bindRows();
  bindDiagram();
  if (mode === "worksheet") worksheet();
  else report();
})();
