// Runs before the bundle, as a classic script in ES5 (a browser too old for the bundle still runs
// this): marks the page as scripted (so the shell shows 加载中 rather than the <noscript> text) and,
// where the bundle cannot run, puts the 浏览器版本过低 message in its place. The build fills in
// the message (browser-shell.ts); the bundle's build target decides which features are checked.
(function () {
  var OLD_BROWSER_HTML = __UIA_OLD_BROWSER_HTML__;
  var root = document.documentElement;
  root.className += ' js-enabled';

  // Next to #root, which is hidden: a bundle that still runs would render into #root and undo a replacement.
  function showOldBrowser() {
    var page = document.getElementById('root');
    if (!page || !document.getElementById('uia-boot') || document.getElementById('uia-old-browser')) return;
    var message = document.createElement('div');
    message.id = 'uia-old-browser';
    message.innerHTML = OLD_BROWSER_HTML;
    page.parentNode.insertBefore(message, page);
    page.hidden = true;
  }

  var script = document.createElement('script');
  var capable =
    'noModule' in script && typeof Promise !== 'undefined' && typeof Object.hasOwn === 'function' && typeof Array.prototype.findLast === 'function' && typeof window.structuredClone === 'function';

  if (!capable) {
    document.addEventListener('DOMContentLoaded', showOldBrowser);
    return;
  }
  // Syntax or a missing function the check above cannot see: the bundle dies before it renders.
  window.addEventListener('error', function (event) {
    if (/SyntaxError|ReferenceError|TypeError/.test(String(event && event.message))) showOldBrowser();
  });
})();
