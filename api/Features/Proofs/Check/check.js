// "Check a QR code": verifies a registry proof (compact JWS, ES256) in the browser with WebCrypto against the
// registry's public keys, saved on the last visit so that the check works with no connection.
'use strict';

// Every word of the page, [Kazakh, Russian] side by side, so that a text missing in one language shows.
const WORDS = {
  title: ['QR кодты тексеру', 'Проверка QR-кода'],
  home: ['Тізілімге оралу', 'Вернуться в реестр'],
  intro: ['Құжаттың QR кодын сканерлеңіз немесе оның мәтінін қойыңыз. Тексеру интернетсіз де жұмыс істейді.', 'Отсканируйте QR-код документа или вставьте его текст. Проверка работает и без интернета.'],
  label: ['QR код мәтіні', 'Текст QR-кода'],
  check: ['Тексеру', 'Проверить'],
  scan: ['Камерамен сканерлеу', 'Сканировать камерой'],
  valid: ['Қолтаңба шынайы', 'Подпись подлинная'],
  invalid: ['Жарамсыз', 'Недействительно'],
  expired: ['Дәлелдің мерзімі өтті', 'Срок доказательства истёк'],
  'unknown-key': ['Белгісіз кілт', 'Неизвестный ключ'],
  'signature-mismatch': ['Қолтаңба сәйкес келмейді: мәтін өзгертілген немесе басқа кілтпен қол қойылған.', 'Подпись не совпадает: текст изменён или подписан другим ключом.'],
  'not-a-proof': ['Бұл мәтін тізілімнің дәлелі емес.', 'Этот текст не является доказательством реестра.'],
  'unsupported-algorithm': ['Қолтаңба алгоритміне қолдау көрсетілмейді.', 'Алгоритм подписи не поддерживается.'],
  'unknown-key-reason': ['Бұл кілт сақталған кілттердің арасында жоқ. Интернетке қосылып, осы бетті қайта ашыңыз.', 'Этого ключа нет среди сохранённых. Подключитесь к интернету и откройте страницу снова.'],
  'expired-reason': ['Дәлел {date} аяқталды. Құжатты онлайн тексеріңіз немесе жаңа QR код алыңыз.', 'Доказательство истекло {date}. Проверьте документ онлайн или получите новый QR-код.'],
  'no-keys': ['Кілттер әлі сақталмаған: бетті бір рет интернетпен ашыңыз.', 'Ключи ещё не сохранены: откройте страницу один раз при подключении к интернету.'],
  documentValid: ['Құжат {date} күні жарамды', 'Документ действителен на {date}'],
  documentNotValid: ['Құжат {date} күні жарамсыз: {status}', 'Документ недействителен на {date}: {status}'],
  number: ['Нөмірі', 'Номер'],
  kind: ['Түрі', 'Вид'],
  holder: ['Иесі', 'Владелец'],
  bin: ['БСН', 'БИН'],
  iin: ['ЖСН', 'ИИН'],
  status: ['Мәртебесі', 'Статус'],
  validUntil: ['Қолданылу мерзімі', 'Срок действия'],
  signedAt: ['Қол қойылды', 'Подписано'],
  proofUntil: ['Дәлел жарамды', 'Доказательство действует до'],
  termEnded: ['Құжаттың мерзімі {date} аяқталды.', 'Срок действия документа истёк {date}.'],
  snapshot: ['Дәлел қол қойылған сәттегі жағдайды көрсетеді; кейінгі өзгерістерді онлайн тексеріңіз.', 'Доказательство отражает состояние на момент подписи; более поздние изменения проверяйте онлайн.'],
  offline: ['Желі жоқ: {date} сақталған кілттермен тексеріледі.', 'Нет сети: проверка по ключам, сохранённым {date}.'],
  online: ['Кілттер жаңартылды.', 'Ключи обновлены.'],
  statuses: {
    valid: ['жарамды', 'действителен'],
    suspended: ['тоқтатыла тұрған', 'приостановлен'],
    revoked: ['кері қайтарып алынған', 'отозван'],
    expired: ['мерзімі өткен', 'истёк'],
    'not-yet-issued': ['әлі берілмеген', 'ещё не выдан'],
  },
  kinds: {
    attestation: ['Аттестат', 'Аттестат'],
    permit: ['Рұқсат', 'Разрешение'],
    declaration: ['Тіркеу шифры', 'Регистрационный шифр'],
    accreditation: ['Аккредиттеу аттестаты', 'Аттестат аккредитации'],
    'fire-equipment-conclusion': ['Қорытынды', 'Заключение'],
    'standard-agreement': ['Келісу хаты', 'Письмо о согласовании'],
  },
};
const LANGS = ['kk', 'ru'];

const KEYS_URL = '/.well-known/jwks.json';
const KEYS_STORE = 'registry-proof-keys';
const LANG_STORE = 'registry-lang';
const MARKER = '#proof=';

let lang = pickLanguage();
let lastCheck = null;

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'kk' || asked === 'ru') return asked;
  const saved = localStorage.getItem(LANG_STORE);
  if (saved === 'kk' || saved === 'ru') return saved;
  return (navigator.language || '').toLowerCase().startsWith('ru') ? 'ru' : 'kk';
}

const inLanguage = (words, language = lang) => words?.[LANGS.indexOf(language)];
const t = (key, values = {}) => (inLanguage(WORDS[key]) ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
const statusName = status => inLanguage(WORDS.statuses[status]) ?? status;
const kindName = kind => inLanguage(WORDS.kinds[kind]) ?? kind;

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = `${t('title')} · ${inLanguage(WORDS.title, lang === 'kk' ? 'ru' : 'kk')}`;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = t(element.dataset.text);
  for (const button of document.querySelectorAll('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  $('home').href = `/${lang}`;
  if (lastCheck) render(lastCheck);
}

// --- keys: fetched when online, saved for offline use -------------------------------------------------------------

async function loadKeys() {
  try {
    const response = await fetch(KEYS_URL, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const set = await response.json();
    const saved = { fetchedAt: new Date().toISOString(), keys: set.keys };
    localStorage.setItem(KEYS_STORE, JSON.stringify(saved));
    return { ...saved, online: true };
  } catch {
    const saved = JSON.parse(localStorage.getItem(KEYS_STORE) ?? 'null');
    return saved ? { ...saved, online: false } : { keys: [], online: false, fetchedAt: null };
  }
}

// --- verification ----------------------------------------------------------------------------------------------------

function base64UrlBytes(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

const decodeJson = part => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64UrlBytes(part)));

function proofOf(scanned) {
  const at = scanned.indexOf(MARKER);
  return (at < 0 ? scanned : scanned.slice(at + MARKER.length)).trim();
}

/** valid | invalid | expired | unknown-key, with the reason and (when the signature holds) the claims. */
async function verifyProof(jws, keys, now) {
  const parts = jws.split('.');
  if (parts.length !== 3) return { state: 'invalid', reason: 'not-a-proof' };
  let header, claims, signature;
  try {
    header = decodeJson(parts[0]);
    claims = decodeJson(parts[1]);
    signature = base64UrlBytes(parts[2]);
  } catch {
    return { state: 'invalid', reason: 'not-a-proof' };
  }
  if (header.alg !== 'ES256') return { state: 'invalid', reason: 'unsupported-algorithm' };
  const jwk = keys.find(k => k.kid === header.kid);
  if (!jwk) return { state: 'unknown-key', reason: 'unknown-key-reason', kid: header.kid };
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
    { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  const genuine = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signed);
  if (!genuine) return { state: 'invalid', reason: 'signature-mismatch' };
  if (now >= claims.exp * 1000) return { state: 'expired', reason: 'expired-reason', claims };
  return { state: 'valid', claims };
}

// --- page ---------------------------------------------------------------------------------------------------------------

const $ = id => document.getElementById(id);
const day = iso => iso ? iso.split('-').reverse().join('.') : '';
const instant = seconds => new Date(seconds * 1000).toLocaleString(lang === 'kk' ? 'kk-KZ' : 'ru-RU');

function render(check) {
  const { verdict, keys } = check;
  const claims = verdict.claims;
  const result = $('result');
  result.hidden = false;
  result.dataset.state = verdict.state;
  result.dataset.reason = verdict.reason ?? '';
  delete result.dataset.document;

  let headline = t(verdict.state);
  if (verdict.state === 'valid') {
    result.dataset.document = claims.valid ? 'valid' : 'not-valid';
    headline = claims.valid
      ? `${t('valid')} · ${t('documentValid', { date: day(claims.asOf) })}`
      : `${t('valid')} · ${t('documentNotValid', { date: day(claims.asOf), status: statusName(claims.status) })}`;
  }
  $('verdict').textContent = headline;
  $('reason').textContent = verdict.reason ? t(verdict.reason, { date: claims ? instant(claims.exp) : '' }) : '';

  const list = $('claims');
  list.replaceChildren();
  if (claims && verdict.state !== 'invalid') {
    const rows = [
      [t('number'), claims.number],
      [t('kind'), kindName(claims.kind)],
      [t('holder'), claims.holder],
      claims.holderId ? [t(claims.holderIdKind === 'iin' ? 'iin' : 'bin'), claims.holderId] : null,
      [t('status'), `${statusName(claims.status)} (${day(claims.asOf)})`],
      claims.validUntil ? [t('validUntil'), day(claims.validUntil)] : null,
      [t('signedAt'), instant(claims.iat)],
      [t('proofUntil'), instant(claims.exp)],
    ];
    for (const row of rows.filter(Boolean)) {
      const dt = document.createElement('dt');
      dt.textContent = row[0];
      const dd = document.createElement('dd');
      dd.textContent = row[1];
      list.append(dt, dd);
    }
  }
  const notes = [];
  if (claims?.validUntil && new Date().toISOString().slice(0, 10) > claims.validUntil) notes.push(t('termEnded', { date: day(claims.validUntil) }));
  if (verdict.state === 'valid') notes.push(t('snapshot'));
  $('note').textContent = notes.join(' ');
  $('network').textContent = keys.online ? t('online') : keys.fetchedAt ? t('offline', { date: new Date(keys.fetchedAt).toLocaleString() }) : t('no-keys');
}

async function check(scanned) {
  const keys = await loadKeys();
  const verdict = await verifyProof(proofOf(scanned), keys.keys, Date.now());
  lastCheck = { verdict, keys };
  render(lastCheck);
  $('result').focus?.();
}

async function scanWithCamera() {
  const video = $('camera');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  const stop = () => { stream.getTracks().forEach(track => track.stop()); video.hidden = true; };
  const tick = async () => {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length > 0) {
      stop();
      $('proof').value = codes[0].rawValue;
      await check(codes[0].rawValue);
    } else if (!video.hidden) {
      setTimeout(tick, 250);
    }
  };
  tick();
}

function start() {
  applyLanguage();
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      lang = button.dataset.lang;
      localStorage.setItem(LANG_STORE, lang);
      applyLanguage();
    });
  }
  $('check-form').addEventListener('submit', event => {
    event.preventDefault();
    check($('proof').value);
  });
  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    $('scan').hidden = false;
    $('scan').addEventListener('click', () => scanWithCamera().catch(() => { $('scan').hidden = true; }));
  }
  // The checker serves /check/ and, offline, any /d/{number} link a QR code opens.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/check/sw.js', { scope: '/check/' }).catch(() => {});
    navigator.serviceWorker.register('/check/sw.js', { scope: '/d/' }).catch(() => {});
  }
  const checkFragment = () => {
    if (!location.hash.startsWith(MARKER)) return false;
    $('proof').value = location.href;
    check(location.href);
    return true;
  };
  window.addEventListener('hashchange', checkFragment);
  if (!checkFragment()) loadKeys();
}

start();
