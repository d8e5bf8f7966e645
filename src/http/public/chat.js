// Trợ lý CCHC web chat: plain JS, no framework, no build step.
// Server text is only ever placed with textContent (never innerHTML) so the CSP can forbid inline code
// and nothing the server or a document says can become markup.
'use strict';

(function () {
  var SESSION_KEY = 'cchc.sessionId';
  var ID_RE = /^[A-Za-z0-9_-]{8,64}$/;
  var MAX_TEXT = 2000;
  /** Quotes longer than this start folded (the direct answer above them is what matters first). */
  var FOLD_CHARS = 280;
  var TEXT = {
    you: 'Anh/chị',
    bot: 'Trợ lý CCHC',
    thinking: 'Đang tìm câu trả lời…',
    sending: 'Đang gửi…',
    done: 'Đã nhận câu trả lời.',
    sources: 'Nguồn:',
    newTab: ' (mở trong thẻ mới)',
    choicesLabel: 'Lựa chọn cho câu trả lời này',
    rephrase: '✏️ Sửa câu hỏi',
    unfold: 'Xem toàn bộ đoạn trích',
    fold: 'Thu gọn đoạn trích',
    rephraseHint: 'Anh/chị sửa câu hỏi trong ô bên dưới rồi nhấn Gửi.',
    empty: 'Anh/chị vui lòng nhập câu hỏi.',
    tooLong: 'Câu hỏi dài quá 2000 ký tự; anh/chị vui lòng rút gọn.',
    network: 'Không kết nối được máy chủ. Anh/chị vui lòng kiểm tra mạng và thử lại.',
    generic: 'Đã có lỗi xảy ra; vui lòng thử lại sau.',
    noReply: 'Câu hỏi này đã được gửi trước đó.',
  };

  var memorySessionId = null;

  /** A random id of 32 hex characters (matches the server's 8–64 [A-Za-z0-9_-] rule). */
  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID().replace(/-/g, '');
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  /** The session id kept in localStorage (in memory when storage is blocked). */
  function sessionId() {
    try {
      var id = window.localStorage.getItem(SESSION_KEY);
      if (!id || !ID_RE.test(id)) {
        id = newId();
        window.localStorage.setItem(SESSION_KEY, id);
      }
      return id;
    } catch (_e) {
      if (!memorySessionId) memorySessionId = newId();
      return memorySessionId;
    }
  }

  /** Creates an element with an optional class and text (always textContent). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isString(v) { return typeof v === 'string' && v.length > 0; }

  var log = document.getElementById('log');
  var statusLine = document.getElementById('status');
  var form = document.getElementById('ask-form');
  var input = document.getElementById('question');
  var sendButton = document.getElementById('send');
  var busy = false;
  /** The last question sent, offered back for editing when the bot could not answer it. */
  var lastAsked = '';

  /** Sets the status line; a `quiet` status is only announced to screen readers (the reply itself is visible). */
  function setStatus(text, quiet) {
    statusLine.textContent = text || '';
    statusLine.classList.toggle('visually-hidden', quiet === true);
  }

  var conversation = document.getElementById('conversation');

  /**
   * Adds a bubble and scrolls it into view: a reply taller than most of the view is shown from its top
   * (the answer comes first), anything shorter just enough to be seen whole.
   */
  function append(node) {
    log.appendChild(node);
    if (typeof node.scrollIntoView !== 'function') return;
    var tall = conversation && node.offsetHeight > conversation.clientHeight * 0.8;
    node.scrollIntoView({ block: tall ? 'start' : 'nearest' });
  }

  function bubble(kind, who) {
    var node = el('div', 'msg msg-' + kind);
    node.appendChild(el('span', 'who', who));
    return node;
  }

  /** POSTs JSON; resolves with the replies, rejects with an Error carrying a Vietnamese userMessage. */
  function post(path, payload) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(payload),
    }).then(
      function (res) {
        return res.json().catch(function () { return null; }).then(function (data) {
          if (!res.ok) {
            var err = new Error('HTTP ' + res.status);
            err.userMessage = data && isString(data.message) ? data.message : TEXT.generic;
            throw err;
          }
          return data && Array.isArray(data.replies) ? data.replies : [];
        });
      },
      function () {
        var err = new Error('network');
        err.userMessage = TEXT.network;
        throw err;
      },
    );
  }

  function showError(message) {
    var node = bubble('error', TEXT.bot);
    node.appendChild(el('p', null, message));
    append(node);
  }

  /** "[1] Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện" + validity badge; the document part linked. */
  function renderCitation(c) {
    var item = el('li');
    item.appendChild(el('span', 'marker', '[' + c.marker + ']'));
    var doc = isString(c.doc) ? c.doc : (isString(c.label) ? c.label : TEXT.sources);
    if (isString(c.url) && /^https?:\/\//i.test(c.url)) {
      var link = el('a', null, doc);
      link.href = c.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.appendChild(el('span', 'visually-hidden', TEXT.newTab));
      if (isString(c.title)) link.title = c.title;
      item.appendChild(link);
    } else {
      var label = el('span', 'citation-doc', doc);
      if (isString(c.title)) label.title = c.title;
      item.appendChild(label);
    }
    var where = [isString(c.where) ? ', ' + c.where : '', isString(c.articleName) ? ' – ' + c.articleName : ''].join('');
    if (where) item.appendChild(el('span', 'citation-where', where));
    if (isString(c.statusLabel)) {
      item.appendChild(el('span', 'status-label' + (c.current ? ' current' : ''), c.statusLabel));
    }
    return item;
  }

  function renderAnswer(node, a) {
    var text = a.kind === 'answer' ? a.lead : a.message;
    var cls = a.kind === 'answer' ? 'lead' : (a.kind === 'escalate' ? 'abstain' : 'chat-text');
    if (isString(text)) node.appendChild(el('p', cls, text));
    if (isString(a.sourceLabel)) node.appendChild(el('p', 'source-label', a.sourceLabel));
    (a.notices || []).forEach(function (n) {
      node.appendChild(el('p', 'notice', '⚠️ ' + n));
    });
    if (isString(a.uncovered)) node.appendChild(el('p', 'uncovered', a.uncovered));
    (a.passages || []).forEach(function (p, i) { renderQuote(node, p, i); });
    if (a.citations && a.citations.length) {
      node.appendChild(el('p', 'sources-title', isString(a.sourcesHeading) ? a.sourcesHeading : TEXT.sources));
      var list = el('ul', 'citations');
      a.citations.forEach(function (c) { list.appendChild(renderCitation(c)); });
      node.appendChild(list);
    }
  }

  /** A quote with its marker; one longer than FOLD_CHARS starts folded, with a button to unfold it. */
  function renderQuote(node, p, index) {
    var quote = el('blockquote', 'passage');
    quote.id = 'q' + Date.now().toString(36) + '-' + index;
    quote.appendChild(el('span', 'marker', '[' + p.marker + ']'));
    quote.appendChild(document.createTextNode(String(p.text)));
    node.appendChild(quote);
    if (String(p.text).length <= FOLD_CHARS) return;
    quote.classList.add('folded');
    var toggle = el('button', 'unfold', TEXT.unfold);
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', quote.id);
    toggle.addEventListener('click', function () {
      var folded = quote.classList.toggle('folded');
      toggle.setAttribute('aria-expanded', folded ? 'false' : 'true');
      toggle.textContent = folded ? TEXT.unfold : TEXT.fold;
    });
    node.appendChild(toggle);
  }

  /** Puts the last question back in the box to be edited (the other way out of an abstention). */
  function rephrase() {
    if (!input.value) input.value = lastAsked;
    setStatus(TEXT.rephraseHint);
    input.focus();
    if (typeof input.setSelectionRange === 'function') input.setSelectionRange(input.value.length, input.value.length);
  }

  function renderChoices(node, choices, withRephrase) {
    var group = el('div', 'choices');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', TEXT.choicesLabel);
    choices.forEach(function (choice) {
      var button = el('button', 'choice' + (choice.action === 'escalate' && withRephrase ? ' choice-primary' : ''), choice.label);
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () { sendAction(group, button, choice); });
      group.appendChild(button);
    });
    if (withRephrase) {
      var edit = el('button', 'choice choice-local', TEXT.rephrase);
      edit.type = 'button';
      edit.addEventListener('click', rephrase);
      group.appendChild(edit);
    }
    node.appendChild(group);
  }

  function renderReply(reply) {
    var node = bubble('bot', TEXT.bot);
    if (reply.answer && reply.answer.kind) node.className += ' msg-' + reply.answer.kind;
    if (isString(reply.text)) node.appendChild(el('p', null, reply.text));
    if (reply.answer) renderAnswer(node, reply.answer);
    if (isString(reply.prompt)) node.appendChild(el('p', 'prompt', reply.prompt));
    if (Array.isArray(reply.choices) && reply.choices.length) renderChoices(node, reply.choices, reply.rephrase === true);
    append(node);
  }

  function renderReplies(replies) {
    if (!replies.length) setStatus(TEXT.noReply);
    else setStatus(TEXT.done, true);
    replies.forEach(renderReply);
  }

  function setBusy(on, text) {
    busy = on;
    sendButton.disabled = on;
    log.setAttribute('aria-busy', on ? 'true' : 'false');
    setStatus(on ? text : '');
  }

  function ask(raw) {
    var text = String(raw).trim();
    if (!text) { setStatus(TEXT.empty); input.focus(); return; }
    if (text.length > MAX_TEXT) { setStatus(TEXT.tooLong); input.focus(); return; }
    if (busy) return;
    var mine = bubble('user', TEXT.you);
    mine.appendChild(el('p', null, text));
    append(mine);
    input.value = '';
    if (text.charAt(0) !== '/') lastAsked = text;
    setBusy(true, TEXT.thinking);
    post('/api/chat', { sessionId: sessionId(), messageId: newId(), text: text })
      .then(function (replies) { setBusy(false); renderReplies(replies); })
      .catch(function (err) {
        setBusy(false);
        showError(err.userMessage || TEXT.generic);
        // Give the question back so nothing typed is lost.
        if (!input.value) input.value = text;
      })
      .finally(function () { input.focus(); });
  }

  function sendAction(group, button, choice) {
    if (busy) return;
    var buttons = group.querySelectorAll('button:not(.choice-local)');
    buttons.forEach(function (b) { b.disabled = true; });
    button.setAttribute('aria-pressed', 'true');
    var payload = { sessionId: sessionId(), actionId: newId(), type: choice.action };
    if (isString(choice.questionId)) payload.questionId = choice.questionId;
    if (isString(choice.value)) payload.value = choice.value;
    setBusy(true, TEXT.sending);
    post('/api/chat/action', payload)
      .then(function (replies) { setBusy(false); renderReplies(replies); })
      .catch(function (err) {
        setBusy(false);
        button.setAttribute('aria-pressed', 'false');
        buttons.forEach(function (b) { b.disabled = false; });
        showError(err.userMessage || TEXT.generic);
      })
      .finally(function () { input.focus(); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    ask(input.value);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ask(input.value);
    }
  });

  // Staff answers to escalated questions arrive later: collect them every 20 seconds while the page is open.
  function poll() {
    post('/api/chat/updates', { sessionId: sessionId() })
      .then(function (replies) { if (replies.length) renderReplies(replies); })
      .catch(function () { /* offline: try again next time */ });
  }
  window.setInterval(poll, 20000);

  document.querySelectorAll('.chip[data-question]').forEach(function (chip) {
    chip.addEventListener('click', function () { ask(chip.getAttribute('data-question') || ''); });
  });
})();
