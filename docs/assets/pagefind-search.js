/* Header search with Pagefind (extra.search_engine: pagefind; see build_site/pagefind.py).

   Pagefind loads only what a query needs: its index chunks for the query's words, then one
   fragment (text and headings) per page read.  It ranks pages, and it cuts a Chinese query with
   the browser's word segmenter, which often disagrees with the indexer (特|种|设备 against
   特种|设备).  So Pagefind only proposes candidate pages here: those with the query's words in
   one run come first, and the fragments of the first PAGES are read.  This script ranks their
   clauses (the text between two headings) by the query text itself:

   - every word counts: each Chinese run of the query must be covered by pieces of two or more
     characters found in the clause, each Latin or digit word must occur in it;
   - a run found verbatim beats one found in pieces, words typed apart but found together
     (隐患 排查 治理 as 隐患排查治理) beat words found apart, a match in the clause heading beats
     one in its text, then a BM25 weight over the pieces favours short clauses repeating them.

   Only when no clause has every word does a clause with all the characters qualify. */
(function () {
  "use strict";

  var PAGES = 24;    /* candidate pages whose fragments are read for one query */
  var RESULTS = 20;  /* clauses listed */
  var DEBOUNCE = 80; /* ms after the last keystroke */

  var box = document.querySelector("[data-pagefind-search]");
  if (!box) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var text = box.dataset;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var HAN = /\p{Script=Han}/u;
  var WORDS = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
  var pagefind = null;
  var pending = 0;
  var sequence = 0;
  var rendered = false;  /* until the first results, the meta line says the engine is loading */

  /* The index comes in shards (site/pagefind/shards.json): the first is loaded, the others
     are merged into it, and one query searches them all. */
  function load() {
    if (!pagefind) {
      var bundles = new URL("pagefind/", root);
      var options = { baseUrl: root.pathname, ranking: { metaWeights: { zi: 0 } } };
      pagefind = fetch(new URL("shards.json", bundles)).then(function (response) {
        if (!response.ok) throw new Error("pagefind/shards.json: HTTP " + response.status);
        return response.json();
      }).then(function (shards) {
        return import(new URL(shards[0] + "pagefind.js", bundles).href).then(function (pf) {
          return pf.options(options).then(function () {
            return Promise.all(shards.slice(1).map(function (shard) {
              return pf.mergeIndex(new URL(shard, bundles).pathname, options);
            }));
          }).then(function () { return pf.init(); }).then(function () { return pf; });
        });
      });
      /* the next query tries again (a preview server writes the index just after a rebuild) */
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function escapeHtml(value) {
    return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  /* The query's words: Chinese runs and Latin/digit words, lower-cased. */
  function terms(query) {
    return (query.toLowerCase().match(WORDS) || []).map(function (word) {
      return { text: word, han: HAN.test(word) };
    });
  }

  /* Fewest pieces of `run` that all occur in `text`; pieces of one character only if `loose`
     (or the run is one character).  null if the run cannot be covered. */
  function cover(run, text, loose) {
    var n = run.length;
    var best = [0];
    var back = [0];
    for (var i = 0; i < n; i++) {
      if (best[i] === undefined) continue;
      for (var j = i + 1; j <= n; j++) {
        if (j - i === 1 && n > 1 && !loose) continue;
        var piece = run.slice(i, j);
        if ((best[j] === undefined || best[i] + 1 < best[j]) && text.indexOf(piece) >= 0) {
          best[j] = best[i] + 1;
          back[j] = i;
        }
      }
    }
    if (best[n] === undefined) return null;
    var pieces = [];
    for (var end = n; end > 0; end = back[end]) pieces.unshift(run.slice(back[end], end));
    return pieces;
  }

  /* The longest run of consecutive matched words on a page, up to `cap`: a phrase found in
     one piece.  Pagefind scores pages by how often the words occur, not by whether they are
     together, so a page of many 矿山 would otherwise come before a page that says 尾矿库闭库. */
  function run(words, cap) {
    var best = Math.min(words.length, 1);
    for (var i = 1, length = 1; i < words.length && best < cap; i++) {
      length = words[i] === words[i - 1] + 1 ? length + 1 : 1;
      best = Math.max(best, length);
    }
    return Math.min(best, cap);
  }

  /* A page fragment cut into sections at its headings: {url, title, heading, body}. */
  function sections(page) {
    var raw = page.raw_content;
    var starts = [];
    raw.replace(/[^\s\u200b]+/g, function (word, offset) { starts.push(offset); return word; });
    var offset = function (word) { return word < starts.length ? starts[word] : raw.length; };
    var heads = page.anchors.filter(function (a) { return /^h[1-6]$/i.test(a.element) && a.id; });
    var cuts = heads.map(function (a) { return { id: a.id, heading: a.text, at: a.location }; });
    if (!cuts.length || cuts[0].at > 0) cuts.unshift({ id: "", heading: "", at: 0 });
    return cuts.map(function (cut, k) {
      var end = k + 1 < cuts.length ? cuts[k + 1].at : starts.length;
      var body = raw.slice(offset(cut.at), offset(end)).replace(/\u200b/g, "")
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (cut.heading && body.indexOf(cut.heading) === 0) {
        body = body.slice(cut.heading.length).replace(/^[.\s]+/, "");
      }
      return {
        url: page.url.split("#")[0] + (cut.id ? "#" + cut.id : ""),
        title: page.meta.title || "",
        heading: cut.heading,
        body: body
      };
    });
  }

  /* How a section matches the query, or null if some word is missing. */
  function match(words, section, loose) {
    var heading = section.heading.toLowerCase();
    var haystack = heading + "\n" + section.body.toLowerCase();
    var pieces = [];
    var split = 0;
    var inHeading = 0;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var found = word.han ? cover(word.text, haystack, loose)
        : haystack.indexOf(word.text) >= 0 ? [word.text] : null;
      if (!found) return null;
      pieces = pieces.concat(found);
      split += found.length - 1;
      if (heading.indexOf(word.text) >= 0) inHeading++;
    }
    var joined = words.length > 1 && haystack.indexOf(words.map(function (w) {
      return w.text;
    }).join("")) >= 0;
    return { section: section, pieces: pieces, split: split, joined: joined, inHeading: inHeading };
  }

  function count(haystack, piece) {
    var n = 0;
    for (var at = haystack.indexOf(piece); at >= 0; at = haystack.indexOf(piece, at + 1)) n++;
    return n;
  }

  function rank(query, pages) {
    var words = terms(query);
    var all = [];
    pages.forEach(function (page, order) {
      sections(page).forEach(function (section) {
        section.order = order;
        all.push(section);
      });
    });
    var found = [];
    [false, true].some(function (loose) {
      found = all.map(function (s) { return match(words, s, loose); }).filter(Boolean);
      return found.length > 0;
    });
    var length = found.reduce(function (sum, m) { return sum + m.section.body.length; }, 0);
    var average = length / Math.max(found.length, 1) || 1;
    found.forEach(function (m) {
      var haystack = (m.section.heading + "\n" + m.section.body).toLowerCase();
      var norm = 1.2 * (0.25 + 0.75 * haystack.length / average);
      m.weight = m.pieces.reduce(function (sum, piece) {
        var tf = count(haystack, piece);
        return sum + tf * 2.2 / (tf + norm);
      }, 0);
    });
    found.sort(function (a, b) {
      return a.split - b.split || b.joined - a.joined || b.inHeading - a.inHeading
        || b.weight - a.weight
        || a.section.order - b.section.order;
    });
    return found;
  }

  /* About 90 characters of the body around the first piece found, pieces marked. */
  function excerpt(body, pieces) {
    var longest = pieces.slice().sort(function (a, b) { return b.length - a.length; });
    var lower = body.toLowerCase();
    var at = -1;
    for (var i = 0; i < longest.length && at < 0; i++) at = lower.indexOf(longest[i]);
    var start = Math.max(0, at - 20);
    var snippet = body.slice(start, start + 90);
    var marks = new RegExp(longest.map(function (p) {
      return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "gi");
    var html = "";
    var last = 0;
    snippet.replace(marks, function (hit, offset) {
      html += escapeHtml(snippet.slice(last, offset)) + "<mark>" + escapeHtml(hit) + "</mark>";
      last = offset + hit.length;
      return hit;
    });
    html += escapeHtml(snippet.slice(last));
    return (start > 0 ? "…" : "") + html + (start + 90 < body.length ? "…" : "");
  }

  function render(found) {
    rendered = true;
    meta.textContent = !found.length ? text.none
      : found.length === 1 ? text.one : text.other.replace("#", found.length);
    list.innerHTML = found.slice(0, RESULTS).map(function (m) {
      var s = m.section;
      var heading = s.heading || s.title;
      return '<li class="md-search-result__item"><a href="' + escapeHtml(s.url)
        + '" class="md-search-result__link" tabindex="-1">'
        + '<article class="md-search-result__article md-typeset">'
        + '<div class="md-search-result__icon md-icon"></div>'
        + "<h1>" + escapeHtml(heading) + "</h1>"
        + (heading !== s.title ? '<p class="pagefind-search__page">' + escapeHtml(s.title) + "</p>"
          : "")
        + '<p class="md-search-result__teaser">' + excerpt(s.body, m.pieces) + "</p>"
        + "</article></a></li>";
    }).join("");
  }

  function search(query) {
    var id = ++sequence;
    if (!terms(query).length) {
      meta.textContent = text.placeholder;
      list.innerHTML = "";
      return;
    }
    if (!rendered) meta.textContent = text.initializer;
    load().then(function (pf) {
      return pf.search(query);
    }).then(function (response) {
      if (id !== sequence) return null;
      var cap = query.replace(/\s+/g, "").length;
      var runs = new Map(response.results.map(function (r) { return [r, run(r.words, cap)]; }));
      var pages = response.results.slice().sort(function (a, b) {  /* stable: by score next */
        return runs.get(b) - runs.get(a);
      });
      return Promise.all(pages.slice(0, PAGES).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (pages && id === sequence) render(rank(query, pages));
    }).catch(function (error) {  /* e.g. site/pagefind/ missing: say so rather than spin */
      meta.textContent = text.none;
      console.error("Pagefind search failed:", error);
    });
  }

  if (location.protocol === "file:") {  /* browsers do not let pages fetch files from disk */
    input.disabled = true;
    meta.textContent = "检索需要通过 HTTP 访问网站";
    return;
  }

  input.addEventListener("focus", function () {
    toggle.checked = true;
    load().then(function () {
      if (!sequence) meta.textContent = text.placeholder;
    });
  });
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(search, DEBOUNCE, input.value);
  });
  form.addEventListener("submit", function (event) {  /* Enter opens the best result */
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(search, 0, "");
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    }
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) toggle.checked = false;
  });
  document.addEventListener("keydown", function (event) {  /* "/" or "s" focuses the box */
    var active = document.activeElement;
    var typing = active
      && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!typing && !event.ctrlKey && !event.metaKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      input.focus();
    }
  });
})();
