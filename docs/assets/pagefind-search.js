/* Header search with Pagefind (search_engine: pagefind; see build_site/hooks/pagefind.py).

   A query goes through four steps:

   1. Read it. A 文号 in any form (晋政发〔2018〕1号, 晋政发[2018]1号, 2018 1号, 晋政发2018),
      a year (2023, 2021-2023), a serial (17号), a 机关代字 or an issuer's name become filters;
      the rest is cut into words: runs of Chinese characters and Latin or digit words. A word
      of a synonym group (content/synonyms.yml: 安委办 = 安全生产委员会办公室) stands for all
      words of its group.
   2. Ask Pagefind for the pages holding every word, with the filters of the query and of the
      filter menus. Pages are indexed by character bigrams (build_site/hooks/search_records.py,
      whose tokens() this file mirrors in queryTokens()), so no word boundary can lose a match.
   3. Read the records of the best pages (sections with heading, text, citation, sectors) and
      rank their clauses by the query itself: every word must occur; a word found whole beats
      one found in pieces; a match in the clause heading beats one in its text; words typed
      apart but found together come next; then a BM25 weight favours short clauses repeating
      the words. A heading without text of its own never outranks its matching sub-clauses.
      Listing pages (topics, departments, 引用文件) are shown apart, above the clauses.
   4. Show each clause with its citation (晋政发〔2024〕1号 三、（十一）), its notice's title and
      year, and the words found marked; the words are marked again on the page it opens.

   The query and the filters live in the page URL (?q=…&year=…) while the search is open,
   and the filters stay set from page to page (sessionStorage). */
(function () {
  "use strict";

  var PAGES = 16;      /* notice records read for one query */
  var LISTINGS = 4;    /* listing-page records read, and shown at most */
  var RESULTS = 20;    /* clauses listed */
  var VARIANTS = 8;    /* spellings of one query word tried (synonyms) */
  var DEBOUNCE = 80;   /* ms after the last keystroke */
  var STASH = "pagefind-search.highlight";  /* words to mark on the page a result opens */
  var KEPT = "pagefind-search.filters";     /* filters kept from page to page */
  var MENUS = ["year", "issuer", "sector"];  /* the filter menus */
  var PARAMS = ["q", "year", "level", "issuer", "sector"];

  var box = document.querySelector("[data-pagefind-search]");
  if (!box) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var related = box.querySelector(".pagefind-search__related");
  var menus = {};
  MENUS.forEach(function (name) { menus[name] = box.querySelector("select[name=" + name + "]"); });
  var toggle = document.getElementById("__search");
  var text = box.dataset;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var bundles = new URL("pagefind/", root);

  /* ---- search tokens: the twin of build_site/hooks/search_records.py ---------------- */

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  var EVERY_PAGE = "xx";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var WORDS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+/g;

  function base36(number) {
    return DIGITS[Math.floor(number / 1296)] + DIGITS[Math.floor(number / 36) % 36]
      + DIGITS[number % 36];
  }

  function hanCode(char) {
    var point = char.charCodeAt(0);
    return base36(point >= 0xf900 ? point - 0xf900 + 0x6c00 : point - 0x3400);
  }

  /* A plain run of characters: its bigrams, every other one (the index holds all of them),
     or one character, which Pagefind's prefix search matches against every bigram it
     starts. */
  function pairTokens(run, loose) {
    var codes = Array.from(run, hanCode);
    if (loose || codes.length === 1) return codes;
    var tokens = [];
    for (var i = 0; i + 1 < codes.length; i += 2) tokens.push(codes[i] + codes[i + 1]);
    if (codes.length % 2) tokens.push(codes[codes.length - 2] + codes[codes.length - 1]);
    return tokens;
  }

  function queryTokens(words, loose) {
    var tokens = [];
    words.forEach(function (word) {
      word.parts.forEach(function (part) {
        if (part.group !== undefined) tokens.push("s" + base36(part.group));
        else if (HAN.test(part.text)) tokens = tokens.concat(pairTokens(part.text, loose));
        else tokens.push("w" + part.text);
      });
    });
    return tokens.filter(function (token, i) { return tokens.indexOf(token) === i; });
  }

  /* Pagefind inflates its gzipped files (index chunks, metadata, WebAssembly) in JavaScript;
     the browser's own DecompressionStream does it several times faster. So its files reach
     it inflated, and begin with the signature Pagefind checks before it inflates anything. */
  var PAGEFIND_FILE = /\/pagefind\/\d+\/[^?]*\.(?:pf_index|pf_meta|pf_filter|pagefind)(?:\?|$)/;
  var browserFetch = window.fetch;
  window.fetch = function (resource) {
    var answer = browserFetch.apply(this, arguments);
    var url = typeof resource === "string" ? resource : resource && resource.url;
    return PAGEFIND_FILE.test(url || "") ? answer.then(inflated) : answer;
  };

  function inflated(response) {
    if (!response.ok) return response;
    return response.arrayBuffer().then(function (buffer) {
      return new Response(gunzip(buffer), { status: response.status });
    });
  }

  /* The bytes, or a stream of them inflated when they are gzip (a server may have sent
     them with Content-Encoding: gzip, and the browser inflated them already). */
  function gunzip(buffer) {
    var bytes = new Uint8Array(buffer);
    var body = new Blob([bytes]).stream();
    return bytes[0] === 0x1f && bytes[1] === 0x8b
      ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  }

  /* ---- the site: shards, filter values, synonyms, records ----------------------------- */

  var site = null;     /* Promise of {pagefind, data, members} */
  var records = {};    /* record path → Promise of a record */

  /* Gzipped JSON (build_site/hooks/search_records.py compressed_json); a server that sent
     it with Content-Encoding: gzip has unpacked it already. */
  function readJson(url) {
    return browserFetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      return new Response(gunzip(buffer)).json();
    });
  }

  /* Pagefind's index comes in shards (pagefind/0/, 1/ …): the first is loaded while the
     list of the others comes, then the others are merged into it. */
  function load() {
    if (!site) {
      var merged = { baseUrl: root.pathname };
      var options = { baseUrl: root.pathname, noWorker: true };  /* its own thread: no wait */
      var data = readJson(new URL("search.json.gz", bundles));
      site = import(new URL("0/pagefind.js", bundles).href).then(function (pf) {
        return pf.options(options).then(function () { return pf.init(); }).then(function () {
          return data;
        }).then(function (data) {
          return Promise.all(data.shards.slice(1).map(function (shard) {
            return pf.mergeIndex(new URL(shard, bundles).pathname, merged);
          })).then(function () {
            fillMenus(data.filters);
            return { pagefind: pf, data: data, members: synonymMembers(data.synonyms) };
          });
        });
      });
      /* the next query tries again (a preview server writes the index just after a rebuild) */
      site.catch(function () { site = null; });
    }
    return site;
  }

  function record(path) {
    if (!records[path]) {
      records[path] = readJson(new URL(path, bundles));
      records[path].catch(function () { delete records[path]; });
    }
    return records[path];
  }

  /* Every term of every group, longest first, with its group. */
  function synonymMembers(groups) {
    var members = [];
    groups.forEach(function (group, index) {
      group.forEach(function (term) { members.push({ text: term.toLowerCase(), group: index }); });
    });
    return members.sort(function (a, b) { return b.text.length - a.text.length; });
  }

  /* ---- step 1: read the query ------------------------------------------------------- */

  var DOC_NUMBER = /([\u4e00-\u9fff]*)\s*[[〔【(]?\s*((?:19|20)\d\d)\s*[\]〕】)]?\s*年?\s*(\d{1,4})\s*号/g;
  var CODE_YEAR = /([\u4e00-\u9fff]+)\s*[[〔【(]?\s*((?:19|20)\d\d)\s*[\]〕】)]?(?!\s*\d)/g;
  var YEAR_RANGE = /(?<!\d)((?:19|20)\d\d)\s*年?\s*[-~—–至到]\s*((?:19|20)\d\d)(?!\d)\s*年?/g;
  var YEAR = /(?<!\d)((?:19|20)\d\d)(?!\d)\s*(?:年度|年)?/g;
  var SERIAL = /(?<!\d)(\d{1,4})\s*号文?/g;

  function add(filters, name, value) {
    filters[name] = (filters[name] || []).concat([String(value)]);
  }

  /* The known 机关代字 that `run` ends with, longest first. */
  function codeAtEnd(run, codes) {
    var found = "";
    codes.forEach(function (code) {
      if (code.length > found.length && run.slice(-code.length) === code) found = code;
    });
    return found;
  }

  /* The query's filters (only if `identity`: a 文号, years, a serial, a 机关代字 or an
     issuer's name) and its words. */
  function parse(raw, data, members, identity) {
    var filters = {};
    var codes = identity ? data.filters.code : [];
    var issuers = [];
    if (identity) {
      data.filters.issuer.forEach(function (level) { issuers = issuers.concat(level.issuers); });
    }
    var query = raw.normalize("NFKC");
    if (identity) query = readIdentity(query, filters, codes);
    var words = [];
    (query.match(WORDS) || []).forEach(function (word) {
      if (codes.indexOf(word) >= 0) add(filters, "code", word);
      else if (issuers.indexOf(word) >= 0) add(filters, "issuer", word);
      else words.push(readWord(word.toLowerCase(), members));
    });
    return { filters: filters, words: words };
  }

  /* The query without its 文号, years and serials, which go into `filters`. */
  function readIdentity(query, filters, codes) {
    return query.replace(DOC_NUMBER, function (all, han, year, serial) {
      var code = codeAtEnd(han, codes);
      if (code) add(filters, "code", code);
      add(filters, "year", +year);
      add(filters, "serial", +serial);
      return " " + han.slice(0, han.length - code.length) + " ";
    }).replace(CODE_YEAR, function (all, han, year) {
      var code = codeAtEnd(han, codes);
      if (!code) return all;
      add(filters, "code", code);
      add(filters, "year", +year);
      return " " + han.slice(0, han.length - code.length) + " ";
    }).replace(YEAR_RANGE, function (all, from, to) {
      for (var year = Math.min(+from, +to); year <= Math.max(+from, +to); year++) {
        add(filters, "year", year);
      }
      return " ";
    }).replace(YEAR, function (all, year) {
      add(filters, "year", +year);
      return " ";
    }).replace(SERIAL, function (all, serial) {
      add(filters, "serial", +serial);
      return " ";
    });
  }

  /* A word cut into plain parts and synonym terms (longest term first), and its spellings:
     省安委办 → 省 + [安委办 | 安全生产委员会办公室]. */
  function readWord(word, members) {
    var parts = [];
    var han = HAN.test(word);
    for (var i = 0; i < word.length;) {
      var member = null;
      for (var k = 0; k < members.length && !member; k++) {
        var term = members[k].text;
        if (word.startsWith(term, i) && (han ? HAN.test(term) : term === word)) member = members[k];
      }
      if (member) {
        parts.push({ text: member.text, group: member.group });
        i += member.text.length;
      } else {
        var last = parts[parts.length - 1];
        if (last && last.group === undefined) last.text += word[i];
        else parts.push({ text: word[i] });
        i++;
      }
    }
    var variants = [""];
    parts.forEach(function (part) {
      var spellings = part.group === undefined ? [part.text] : members.filter(function (m) {
        return m.group === part.group;
      }).map(function (m) { return m.text; });
      var next = [];
      variants.forEach(function (start) {
        spellings.forEach(function (spelling) { next.push(start + spelling); });
      });
      variants = next.slice(0, VARIANTS);
    });
    return { text: word, han: han, parts: parts, variants: variants };
  }

  /* ---- step 2: ask Pagefind ------------------------------------------------------------ */

  /* The query's filters, those of the menus where the query sets none. */
  function pagefindFilters(parsed) {
    var filters = {};
    var chosen = chosenFilters();
    Object.keys(chosen).forEach(function (name) { filters[name] = chosen[name]; });
    Object.keys(parsed.filters).forEach(function (name) {
      var values = parsed.filters[name];
      filters[name] = values.length === 1 ? values[0] : { any: values };
    });
    return filters;
  }

  /* Pagefind's results for the words and filters. Filters alone ask for the token every
     page holds: a query without words would make Pagefind load its whole index. */
  function candidates(s, parsed, loose) {
    var tokens = queryTokens(parsed.words, loose);
    var filters = pagefindFilters(parsed);
    if (!tokens.length && !Object.keys(filters).length) return Promise.resolve([]);
    return s.pagefind.search(tokens.length ? tokens.join(" ") : EVERY_PAGE, { filters: filters })
      .then(function (response) { return response.results; });
  }

  /* Pagefind's results (best first) → records to read: notices, listing pages. */
  function pick(s, results, most) {
    var notices = [];
    var listings = [];
    results.forEach(function (result) {
      var notice = s.data.notice[result.id];
      if (notice && notices.length < most) notices.push(notice);
      var listing = s.data.listing[result.id];
      if (listing && listings.length < LISTINGS) listings.push(listing);
    });
    return Promise.all([Promise.all(notices.map(record)), Promise.all(listings.map(record))]);
  }

  /* ---- step 3: rank the clauses ---------------------------------------------------------- */

  /* Fewest pieces of `run` that all occur in `text`; pieces of one character only if `loose`
     (or the run is one character). null if the run cannot be covered. */
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

  /* The spelling of a word that the text holds in fewest pieces. */
  function find(word, haystack, loose) {
    var best = null;
    word.variants.forEach(function (variant) {
      var pieces = word.han ? cover(variant, haystack, loose)
        : haystack.indexOf(variant) >= 0 ? [variant] : null;
      if (pieces && (!best || pieces.length < best.pieces.length)) {
        best = { variant: variant, pieces: pieces };
      }
    });
    return best;
  }

  /* How a section matches the query, or null if some word is missing. */
  function match(words, section, loose) {
    var heading = section.heading.toLowerCase();
    var haystack = heading + "\n" + section.text.toLowerCase();
    var pieces = [];
    var found = [];
    var split = 0;
    var inHeading = 0;
    for (var i = 0; i < words.length; i++) {
      var hit = find(words[i], haystack, loose);
      if (!hit) return null;
      pieces = pieces.concat(hit.pieces);
      found.push(hit.variant);
      split += hit.pieces.length - 1;
      if (heading.indexOf(hit.variant) >= 0) inHeading++;
    }
    var joined = words.length > 1 && haystack.indexOf(found.join("")) >= 0;
    return { section: section, haystack: haystack, pieces: pieces, split: split,
             joined: joined, inHeading: inHeading };
  }

  function count(haystack, piece) {
    var n = 0;
    for (var at = haystack.indexOf(piece); at >= 0; at = haystack.indexOf(piece, at + 1)) n++;
    return n;
  }

  /* The sections of the records, each knowing its record, its place and its sub-sections. */
  function sectionsOf(pages, sector) {
    var all = [];
    pages.forEach(function (page, order) {
      var open = [];
      page.sections.forEach(function (section, index) {
        var entry = { page: page, order: order, index: index, id: section.id,
                      level: section.level, heading: section.heading, text: section.text,
                      cite: section.cite || page.cite, sectors: section.sectors || [],
                      parents: [] };
        open = open.filter(function (parent) { return parent.level < entry.level; });
        entry.parents = open.slice();
        open.push(entry);
        if (!sector || entry.sectors.indexOf(sector) >= 0) all.push(entry);
      });
    });
    return all;
  }

  function rank(words, sections) {
    var found = [];
    [false, true].some(function (loose) {
      found = sections.map(function (s) { return match(words, s, loose); }).filter(Boolean);
      return found.length > 0;
    });
    var length = found.reduce(function (sum, m) { return sum + m.haystack.length; }, 0);
    var average = length / Math.max(found.length, 1) || 1;
    found.forEach(function (m) {
      var norm = 1.2 * (0.25 + 0.75 * m.haystack.length / average);
      m.weight = m.pieces.reduce(function (sum, piece) {
        var tf = count(m.haystack, piece);
        return sum + tf * 2.2 / (tf + norm);
      }, 0);
    });
    found.sort(function (a, b) {
      return a.split - b.split || b.inHeading - a.inHeading || b.joined - a.joined
        || b.weight - a.weight || a.section.order - b.section.order
        || a.section.index - b.section.index;
    });
    return belowChildren(found);
  }

  /* Listing pages named by the query (专题：危险化学品, a department) first. */
  function named(found) {
    var title = function (m) {
      var name = m.section.page.title.toLowerCase();
      return m.pieces.every(function (piece) { return name.indexOf(piece) >= 0; }) ? 1 : 0;
    };
    return found.map(function (m, i) { return { m: m, i: i, t: title(m) }; })
      .sort(function (a, b) { return b.t - a.t || a.i - b.i; })
      .map(function (x) { return x.m; });
  }

  /* A heading without text of its own goes after the last of its sub-sections that match
     (deepest headings first, so that a chain of bare headings keeps its order). */
  function belowChildren(found) {
    var bare = found.filter(function (m) { return !m.section.text; })
      .sort(function (a, b) { return b.section.level - a.section.level; });
    bare.forEach(function (parent) {
      var at = found.indexOf(parent);
      var last = -1;
      found.forEach(function (m, i) {
        if (m.section.parents.indexOf(parent.section) >= 0) last = i;
      });
      if (last > at) {
        found.splice(at, 1);
        found.splice(last, 0, parent);
      }
    });
    return found;
  }

  /* ---- step 4: show them ---------------------------------------------------------------- */

  function escapeHtml(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function longestFirst(pieces) {
    return pieces.filter(function (p, i) { return pieces.indexOf(p) === i; })
      .sort(function (a, b) { return b.length - a.length; });
  }

  function marker(pieces) {
    return pieces.length ? new RegExp(longestFirst(pieces).map(function (p) {
      return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "gi") : null;
  }

  function marked(value, pieces) {
    return markedWith(value, marker(pieces), "<mark>");
  }

  /* The text escaped, each hit wrapped in `open`…</mark>: marked before escaping, so a query
     never matches inside an entity (`lt` in `&lt;`). */
  function markedWith(value, marks, open) {
    if (!marks) return escapeHtml(value);
    var html = "";
    var last = 0;
    value.replace(marks, function (hit, offset) {
      html += escapeHtml(value.slice(last, offset)) + open + escapeHtml(hit) + "</mark>";
      last = offset + hit.length;
      return hit;
    });
    return html + escapeHtml(value.slice(last));
  }

  /* About 90 characters of the text around the first piece found, pieces marked. */
  function excerpt(body, pieces) {
    var lower = body.toLowerCase();
    var at = -1;
    longestFirst(pieces).some(function (piece) { at = lower.indexOf(piece); return at >= 0; });
    var start = Math.max(0, at - 20);
    return (start > 0 ? "…" : "") + marked(body.slice(start, start + 90), pieces)
      + (start + 90 < body.length ? "…" : "");
  }

  function href(section) {
    var url = new URL(section.page.url, root);
    url.hash = section.id;
    return url.href;
  }

  function item(section, pieces) {
    var page = section.page;
    var heading = section.heading || page.title;
    var about = [section.cite, heading !== page.title ? page.title : "", page.year]
      .filter(Boolean).join(" · ");
    return '<li class="md-search-result__item"><a href="' + escapeHtml(href(section))
      + '" class="md-search-result__link" tabindex="-1" data-marks="'
      + escapeHtml(JSON.stringify(longestFirst(pieces))) + '">'
      + '<article class="md-search-result__article md-typeset">'
      + '<div class="md-search-result__icon md-icon"></div>'
      + "<h1>" + marked(heading, pieces) + "</h1>"
      + '<p class="pagefind-search__page">' + escapeHtml(about) + "</p>"
      + (section.text ? '<p class="md-search-result__teaser">' + excerpt(section.text, pieces)
        + "</p>" : "")
      + "</article></a></li>";
  }

  function render(query, shown) {
    var matches = shown.matches;
    var listings = shown.listings;
    var total = shown.total || matches.length;
    meta.textContent = !total ? text.none
      : total === 1 ? text.one : text.other.replace("#", total);
    list.innerHTML = matches.slice(0, RESULTS).map(function (m) {
      return item(m.section, m.pieces || []);
    }).join("");
    related.innerHTML = listings.length ? "<span>" + escapeHtml(text.related) + "</span>"
      + listings.map(function (m) {
        var label = m.section.page.title + (m.section.heading && m.section.heading
          !== m.section.page.title ? " › " + m.section.heading : "");
        return ' <a href="' + escapeHtml(href(m.section)) + '">' + marked(label, m.pieces)
          + "</a>";
      }).join("") : "";
    list.dataset.query = query;  /* what the list shows results for (tests and benchmarks) */
  }

  /* A query with filters only (晋政发〔2018〕1号, or a menu alone): the notices themselves,
     newest first, each landing on its title. */
  function noticeEntries(pages) {
    return pages.map(function (page) {
      return { section: sectionsOf([page], "")[0] };
    }).sort(function (a, b) {
      return b.section.page.year.localeCompare(a.section.page.year)
        || a.section.page.cite.localeCompare(b.section.page.cite);
    });
  }

  /* ---- the box ---------------------------------------------------------------------------- */

  var pending = 0;
  var sequence = 0;
  var rendered = false;  /* until the first results, the meta line says the engine is loading */

  function search(query) {
    var id = ++sequence;
    remember(query);
    if (!(query.match(WORDS) || []).length) {  /* the menus alone: wait for words */
      meta.textContent = text.placeholder;
      list.innerHTML = related.innerHTML = "";
      list.dataset.query = query;
      return;
    }
    if (!rendered) meta.textContent = text.initializer;
    load().then(function (s) {
      var parsed = parse(query, s.data, s.members, true);
      return run(s, parsed).then(function (shown) {
        if (shown || !Object.keys(parsed.filters).length) return shown;
        /* no notice has this 文号 or year: the words as typed, e.g. a cited document */
        return run(s, parse(query, s.data, s.members, false));
      }).then(function (shown) {
        if (id === sequence) render(query, shown || { matches: [], listings: [] });
      });
    }).catch(function (error) {  /* e.g. site/pagefind/ missing: say so rather than spin */
      meta.textContent = text.none;
      console.error("Pagefind search failed:", error);
    });

    /* Candidates from Pagefind, then clauses; the next pass loosens what a match is. */
    function run(s, parsed) {
      var sector = chosenFilters().sector || "";
      var attempt = function (loose) {
        var total = 0;
        return candidates(s, parsed, loose).then(function (results) {
          total = results.length;
          return pick(s, results, parsed.words.length ? PAGES : RESULTS);
        }).then(function (picked) {
          if (!parsed.words.length) {  /* filters only: the notices, all of them counted */
            return picked[0].length ? { matches: noticeEntries(picked[0]), listings: [],
                                        total: total } : null;
          }
          var matches = rank(parsed.words, sectionsOf(picked[0], sector));
          var listings = named(rank(parsed.words, sectionsOf(picked[1], ""))).slice(0, LISTINGS);
          return matches.length || listings.length
            ? { matches: matches, listings: listings } : null;
        });
      };
      return attempt(false).then(function (shown) {
        return shown || (parsed.words.length ? attempt(true) : null);
      });
    }
  }

  /* ---- filter menus, the URL and the kept filters ------------------------------------ */

  function fillMenus(filters) {
    if (menus.year.options.length > 1) return;
    filters.year.forEach(function (year) { menus.year.add(new Option(year + "年", year)); });
    filters.issuer.forEach(function (level) {
      var group = document.createElement("optgroup");
      group.label = level.level;
      group.appendChild(new Option(text.allOf.replace("#", level.level), "level:" + level.level));
      level.issuers.forEach(function (name) { group.appendChild(new Option(name, "issuer:" + name)); });
      menus.issuer.appendChild(group);
    });
    filters.sector.forEach(function (name) { menus.sector.add(new Option(name, name)); });
    restoreMenus(wanted);
  }

  /* The menus' filters as Pagefind names them: {year, level | issuer, sector}; before the
     menus have their options, those asked for (from the URL, or kept). */
  function chosenFilters() {
    if (menus.year.options.length < 2) return wanted;
    var chosen = {};
    if (menus.year.value) chosen.year = menus.year.value;
    var issuer = menus.issuer.value.match(/^(level|issuer):(.*)$/);
    if (issuer) chosen[issuer[1]] = issuer[2];
    if (menus.sector.value) chosen.sector = menus.sector.value;
    return chosen;
  }

  /* Filters asked for before the menus had their options (from the URL or kept). */
  var wanted = {};

  function restoreMenus(filters) {
    wanted = filters;
    menus.year.value = filters.year || "";
    menus.issuer.value = filters.level ? "level:" + filters.level
      : filters.issuer ? "issuer:" + filters.issuer : "";
    menus.sector.value = filters.sector || "";
    MENUS.forEach(function (name) { if (menus[name].selectedIndex < 0) menus[name].value = ""; });
  }

  /* The query and filters into the URL (while the search is open) and the filters kept. */
  function remember(query) {
    var chosen = wanted = chosenFilters();
    try { sessionStorage.setItem(KEPT, JSON.stringify(chosen)); } catch (e) { /* private mode */ }
    var url = new URL(location.href);
    PARAMS.forEach(function (name) { url.searchParams.delete(name); });
    if (toggle.checked) {
      if (query) url.searchParams.set("q", query);
      Object.keys(chosen).forEach(function (name) { url.searchParams.set(name, chosen[name]); });
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  function fromUrl() {
    var params = new URL(location.href).searchParams;
    var filters = {};
    PARAMS.slice(1).forEach(function (name) {
      if (params.get(name)) filters[name] = params.get(name);
    });
    var kept = {};
    try { kept = JSON.parse(sessionStorage.getItem(KEPT) || "{}"); } catch (e) { kept = {}; }
    restoreMenus(params.has("q") || Object.keys(filters).length ? filters : kept);
    if (params.has("q") || Object.keys(filters).length) {
      input.value = params.get("q") || "";
      toggle.checked = true;
      input.focus();
      search(input.value);
    }
  }

  /* ---- the words of a result, marked on the page it opens ---------------------------- */

  function markWords(words) {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var article = document.querySelector("article.md-content__inner");
    if (!article || !words.length) return;
    var start = target || article.querySelector("h1") || article.firstElementChild;
    var level = /^H([1-6])$/.exec(start.tagName);
    var depth = !level ? 7 : level[1] === "1" ? 6 : +level[1];  /* a title: up to a clause */
    var marks = marker(words);
    for (var element = start; element; element = element.nextElementSibling) {
      var heading = /^H([1-6])$/.exec(element.tagName);
      if (element !== start && heading && +heading[1] <= depth) break;
      if (element.closest("[data-search-exclude]") || element.hasAttribute("data-search-exclude")) {
        continue;
      }
      markText(element, marks);
    }
  }

  function markText(element, marks) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      marks.lastIndex = 0;
      if (!marks.test(node.nodeValue) || node.parentElement.closest(".clause-tools, mark")) return;
      var span = document.createElement("span");
      span.innerHTML = markedWith(node.nodeValue, marks, '<mark class="pagefind-search__mark">');
      node.replaceWith.apply(node, Array.from(span.childNodes));
    });
  }

  function onPage() {
    var stash = null;
    try { stash = JSON.parse(sessionStorage.getItem(STASH) || "null"); } catch (e) { stash = null; }
    if (stash && stash.url === location.pathname + location.hash) {
      sessionStorage.removeItem(STASH);
      markWords(stash.words);
    }
  }

  /* ---- wiring ------------------------------------------------------------------------------ */

  if (location.protocol === "file:") {  /* browsers do not let pages fetch files from disk */
    input.disabled = true;
    meta.textContent = text.http;
    return;
  }

  function results() {
    return Array.from(list.querySelectorAll("a.md-search-result__link"));
  }

  /* The engine gets ready while the page is idle, as Material's own search does (cached
     from page to page, and kept across pages by instant navigation), so that a first query
     only searches; a reader heading for the box starts it at once. */
  var warm = function () { load().catch(function () { /* shown when a query runs */ }); };
  if (window.requestIdleCallback) window.requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 1000);
  box.parentNode.addEventListener("pointerenter", warm, { once: true });
  input.addEventListener("focus", function () {
    var loading = load();
    toggle.checked = true;
    loading.then(function () {
      if (!sequence) meta.textContent = text.placeholder;
    }).catch(function () { /* shown when a query runs */ });
  });
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(search, DEBOUNCE, input.value);
  });
  MENUS.forEach(function (name) {
    menus[name].addEventListener("change", function () { search(input.value); });
  });
  form.addEventListener("submit", function (event) {  /* Enter opens the best result */
    event.preventDefault();
    var first = results()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(search, 0, "");
  });
  box.addEventListener("keydown", function (event) {
    var links = results();
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      toggle.checked = false;
      remember("");
      input.blur();
    } else if (event.key === "ArrowDown" && links.length && (at >= 0 || event.target === input)) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
    else remember("");
  });
  box.addEventListener("click", function (event) {  /* a result: mark its words where it lands */
    var link = event.target.closest("a");
    if (!link || !box.contains(link) || !link.closest(".md-search-result")) return;
    var url = new URL(link.href);
    try {
      sessionStorage.setItem(STASH, JSON.stringify({
        url: url.pathname + url.hash, words: JSON.parse(link.dataset.marks || "[]") }));
    } catch (e) { /* private mode: nothing marked */ }
    toggle.checked = false;
    remember("");
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

  fromUrl();
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);  /* Material's instant navigation */
  } else {
    onPage();
  }
})();
