/*
 * Chinese queries for Material for MkDocs' built-in search (9.8.x).
 *
 * overrides/main.html points Material at this worker instead of its own. It loads Material's
 * hashed worker (name in ?worker=) from the same directory and rewrites every query before
 * Material sees it, because Material's worker
 *
 *   - splits a Chinese query greedily against the index but never looks up the query's last
 *     characters (query/segment/index.ts: `j < query.length`), so 安全防汛 is run as 安全*;
 *   - makes every word optional, so sections with one of the words rank with those with all;
 *   - ranks with lunr, which has no phrases and (b = 0) no length normalisation.
 *
 * Here a query is
 *
 *   1. cut into the words of the index (build_site/hooks/material_search.py cut the text with jieba):
 *      the way the index text itself cut the same characters when they occur in it, else
 *      into the fewest index words; the last word is kept too, as a prefix (燃气泄漏报 -> 报*);
 *   2. run with every known word required (+word*), or with any word when no section has
 *      them all;
 *   3. written with each Chinese character escaped (\尾\矿*), which lunr's query parser reads
 *      as plain text but which Material's segmenter sees as single characters and leaves be.
 *
 * Results with the typed phrase verbatim go first, and lunr normalises field lengths, so a
 * short clause beats a long section that merely repeats the words. Only lunr's public API is
 * used (lunr is global in Material's worker). Queries with lunr syntax pass through untouched.
 */
(function () {
  "use strict"

  var SETUP = 0                         /* Material's SearchMessageType.SETUP */
  var QUERY = 2                         /* Material's SearchMessageType.QUERY */
  var LENGTH_NORMALISATION = 0.75       /* lunr's default; Material sets 0 */
  var PHRASE_BONUS = 10                 /* times the best lunr score, per phrase hit */
  var ZWSP = "\u200b"

  var HAN = /\p{sc=Han}/u
  var HAN_CHAR = /\p{sc=Han}/gu
  var HAN_RUNS = /\p{sc=Han}+/gu
  var HAN_SPLIT = /(\p{sc=Han}+)/u
  var SYNTAX = /(?:^|\s)[+-]|[*~^:"\\]/

  var state = {
    index: null,                        /* lunr.Index built by Material */
    words: new Set(),                   /* Chinese index tokens */
    prefixes: new Set(),                /* their proper prefixes */
    maxLength: 1,                       /* longest Chinese token */
    separator: /[\s\u200b\u3000\-、。，．？！；]+/,
    docs: new Map(),                    /* location -> plain title and text */
    corpus: "",                         /* all index text, words split by U+200B */
    phrases: []                         /* phrases of the current query */
  }

  /* ----------------------------------------------------------------------- */

  /* Register the index Material builds: lunr.Builder is global in its worker */
  function hookBuilder() {
    var build = lunr.Builder.prototype.build
    lunr.Builder.prototype.build = function () {
      this.b(LENGTH_NORMALISATION)
      var index = build.apply(this, arguments)
      try {
        learn(index)
      } catch (err) {
        console.warn("search-zh: cannot read the index", err)
      }
      return index
    }
  }

  function learn(index) {
    var words = new Set()
    var prefixes = new Set()
    var maxLength = 1
    for (var token in index.invertedIndex) {
      if (!HAN.test(token))
        continue
      words.add(token)
      maxLength = Math.max(maxLength, token.length)
      for (var i = 1; i < token.length; i++)
        prefixes.add(token.slice(0, i))
    }

    /* Material calls index.search(): put sections with a typed phrase first */
    index.search = function (query) {
      return rerank(lunr.Index.prototype.search.call(this, query))
    }
    state.index = index
    state.words = words
    state.prefixes = prefixes
    state.maxLength = Math.min(maxLength, 16)
  }

  /* Keep the plain text of the sections, for phrases and for cutting like the index */
  function remember(docs) {
    var map = new Map()
    var corpus = []
    for (var d = 0; d < docs.length; d++) {
      var title = strip(docs[d].title)
      var text = strip(docs[d].text)
      map.set(docs[d].location, {
        title: title.replace(/\u200b/g, ""),
        text: text.replace(/\u200b/g, "")
      })
      corpus.push(title, text)
    }
    state.docs = map
    state.corpus = corpus.join("\n")
  }

  function strip(html) {
    return typeof html === "string" ? html.replace(/<[^>]*>/g, " ") : ""
  }

  /* ----------------------------------------------------------------------- */

  /* Cut a run of Chinese characters into index words: [{text, known, exact}] */
  function cut(run) {
    var pieces = observed(run) || fewest(run)
    return pieces.map(function (piece, p) {
      var word = state.words.has(piece)
      return {
        text: piece,
        known: word || state.prefixes.has(piece),
        /* a one-character word followed by more words is whole: match it exactly */
        exact: word && piece.length === 1 && p < pieces.length - 1
      }
    })
  }

  /* How the index text cut the same characters, most often, starting at a word */
  function observed(run) {
    var chars = Array.from(run)
    if (chars.length < 2 || !state.corpus)
      return null
    var pattern = new RegExp("(?<!\\p{sc=Han})" + chars.join(ZWSP + "?"), "gu")
    var counts = new Map()
    var best = null
    var match
    while ((match = pattern.exec(state.corpus))) {
      var seen = (counts.get(match[0]) || 0) + 1
      counts.set(match[0], seen)
      if (!best || seen > counts.get(best))
        best = match[0]
    }
    return best && best.split(ZWSP)
  }

  /*
   * The fewest pieces (an index word costs 1, the start of one 1.5, any other single
   * character 3), then the commonest words, as jieba prefers frequent words.
   */
  function fewest(run) {
    var chars = Array.from(run)
    var n = chars.length
    var cost = [0]
    var back = [0]
    for (var k = 1; k <= n; k++)
      cost[k] = Infinity
    for (var i = 0; i < n; i++) {
      if (cost[i] === Infinity)
        continue
      for (var j = i + 1; j <= Math.min(n, i + state.maxLength); j++) {
        var piece = chars.slice(i, j).join("")
        var c = state.words.has(piece) ? 1 - 0.001 * Math.log(1 + frequency(piece))
          : state.prefixes.has(piece) ? 1.5
          : j - i === 1 ? 3
          : 0
        if (c && cost[i] + c < cost[j]) {
          cost[j] = cost[i] + c
          back[j] = i
        }
      }
    }
    var pieces = []
    for (var end = n; end > 0; end = back[end])
      pieces.unshift(chars.slice(back[end], end).join(""))
    return pieces
  }

  /* Number of sections an index word occurs in */
  function frequency(word) {
    var posting = state.index.invertedIndex[word]
    var count = 0
    for (var field in posting)
      if (field !== "_index")
        count += Object.keys(posting[field]).length
    return count
  }

  /* Terms of a query: Chinese runs are cut, the rest split with Material's separator */
  function terms(query) {
    var result = []
    var parts = query.trim().split(/\s+/)
    for (var p = 0; p < parts.length; p++) {
      var chunks = parts[p].split(HAN_SPLIT)
      for (var c = 0; c < chunks.length; c++) {
        if (!chunks[c])
          continue
        if (HAN.test(chunks[c])) {
          result.push.apply(result, cut(chunks[c]))
          continue
        }
        var words = chunks[c].toLowerCase().split(state.separator)
        for (var w = 0; w < words.length; w++)
          if (words[w])
            result.push({ text: words[w], known: hasPrefix(words[w]), exact: false })
      }
    }
    return result
  }

  function hasPrefix(term) {
    return state.index.tokenSet
      .intersect(lunr.TokenSet.fromString(term + "*"))
      .toArray().length > 0
  }

  /* lunr query: known terms required (if asked), prefixes unless exact, Han escaped */
  function compose(list, required, escape) {
    return list.map(function (term) {
      var text = escape ? term.text.replace(HAN_CHAR, "\\$&") : term.text
      return (required && term.known ? "+" : "") + text + (term.exact ? "" : "*")
    }).join(" ")
  }

  /* Chinese runs cut into several words, and all runs joined (隐患 排查 治理 -> 隐患排查治理) */
  function phrases(query) {
    var runs = query.match(HAN_RUNS) || []
    var result = runs.filter(function (run) { return cut(run).length > 1 })
    if (runs.length > 1)
      result.push(runs.join(""))
    return result
  }

  /*
   * Sections with a typed phrase verbatim go first (in the title it counts twice), in lunr's
   * order otherwise. The bonus is a multiple of the best score, so that Material's own later
   * boosts (x1 to x5) cannot undo it.
   */
  function rerank(results) {
    if (!state.phrases.length || !results.length)
      return results
    var top = results[0].score
    for (var r = 0; r < results.length; r++) {
      var doc = state.docs.get(results[r].ref)
      if (!doc)
        continue
      var hits = 0
      for (var p = 0; p < state.phrases.length; p++)
        hits += doc.title.indexOf(state.phrases[p]) !== -1 ? 2
          : doc.text.indexOf(state.phrases[p]) !== -1 ? 1
          : 0
      results[r].score += PHRASE_BONUS * top * hits
    }
    return results.sort(function (a, b) { return b.score - a.score })
  }

  function rewrite(query) {
    state.phrases = []
    if (!state.index || !HAN.test(query) || SYNTAX.test(query))
      return query
    var list = terms(query)
    if (!list.length)
      return query
    state.phrases = phrases(query)

    /* All words required, unless no section has them all */
    var required = list.some(function (term) { return term.known })
    if (required)
      try {
        var probe = compose(list, true, false)
        required = lunr.Index.prototype.search.call(state.index, probe).length > 0
      } catch (err) {
        required = false
      }
    return compose(list, required, true)
  }

  /* ----------------------------------------------------------------------- */

  /* Registered before Material's listener, so Material receives the rewritten query */
  addEventListener("message", function (ev) {
    var message = ev.data
    if (!message || typeof message !== "object")
      return
    try {
      if (message.type === SETUP && message.data && message.data.config) {
        state.separator = new RegExp(message.data.config.separator)
        remember(message.data.docs || [])
      } else if (message.type === QUERY && typeof message.data === "string") {
        message.data = rewrite(message.data)
      }
    } catch (err) {
      console.warn("search-zh: query left as typed", err)
    }
  })

  /* Load Material's own worker from this directory (a script tag under iframe-worker) */
  var url = new URL(
    typeof document !== "undefined" && document.currentScript
      ? document.currentScript.src
      : self.location.href
  )
  var worker = /^search\.[0-9a-f]+\.min\.js/.exec(url.searchParams.get("worker") || "")
  if (!worker)                          /* iframe-worker appends ?<timestamp> to the URL */
    throw new Error("search-zh: expected ?worker=search.<hash>.min.js in " + url)
  var loaded = importScripts(new URL(worker[0], url).href)
  if (loaded && typeof loaded.then === "function")
    loaded.then(hookBuilder)
  else
    hookBuilder()
})()
