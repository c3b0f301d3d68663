# live-widgets' JSON API behind Varnish 7.1 (Debian: apt-get install varnish). See deploy/README.md,
# "Caches in front: Varnish and nginx"; deploy/caches/nginx.conf does the same with nginx.
#
#   varnishd -a :6081 -f /etc/varnish/live-widgets.vcl -s malloc,256m
#
# Varnish listens where `-a` says; the app is the backend below (change its two lines). Each sub
# here runs before Varnish's builtin one of the same name, which still applies: requests other
# than GET and HEAD, or carrying Authorization or Cookie, are passed; answers marked no-cache,
# no-store or private, or setting a cookie, are not stored.
vcl 4.1;

import std;

backend app {
  .host = "127.0.0.1";
  .port = "8080";
}

sub vcl_recv {
  # Our own note of what happened to the request, for Cache-Status; never the client's.
  unset req.http.X-Cache-Fwd;
  # A forced refresh (the widgets add `_t=<ms>`) goes to the app, and its answer replaces the copy
  # every other client gets: vcl_hash leaves `_t` out of the key. If the app fails, the error is
  # the answer (the client asked for fresh data) and the copy stays.
  if (req.url ~ "[?&]_t=") {
    set req.hash_always_miss = true;
  }
  # CORS preflights (a cross-origin page's conditional request sends If-None-Match, which needs
  # one) are answered here: a page must hear the app's error, or the stale copy, while the app is
  # down, not a failed preflight, which a browser reports as a network failure.
  if (req.method == "OPTIONS" && req.http.Origin && req.http.Access-Control-Request-Method) {
    return (synth(204));
  }
  # A request's Cache-Control and Pragma (`no-cache`, `max-age=0`) are ignored on purpose, as
  # Varnish does by default: any client could otherwise empty the cache for everyone. `_t` is
  # the one way through.
}

sub vcl_hash {
  # The URL without `_t`, and the host, as the builtin hash does.
  hash_data(regsub(regsuball(req.url, "([?&])_t=[^&]*&?", "\1"), "[?&]$", ""));
  if (req.http.host) {
    hash_data(req.http.host);
  } else {
    hash_data(server.ip);
  }
  return (lookup);
}

sub vcl_hit {
  set req.http.X-Cache-Fwd = "hit";
}

sub vcl_miss {
  if (req.hash_always_miss) {
    set req.http.X-Cache-Fwd = "request";
  } else {
    # Varnish cannot tell a URI it never saw from a variant (Vary) it lacks: RFC 9211's `miss`.
    set req.http.X-Cache-Fwd = "miss";
  }
}

sub vcl_pass {
  if (req.method != "GET" && req.method != "HEAD") {
    set req.http.X-Cache-Fwd = "method";
  } else {
    set req.http.X-Cache-Fwd = "bypass";
  }
}

sub vcl_backend_fetch {
  # CORS is answered here (vcl_deliver), not by the app: without an Origin the app sends no
  # `Vary: Origin`, and one copy serves every origin.
  unset bereq.http.Origin;
  unset bereq.http.X-Cache-Fwd;
}

sub vcl_backend_response {
  # A refresh in the background (an object in grace was served) that gets a server error is
  # dropped, so the stale copy stays and goes on being served while the app fails.
  if (bereq.is_bgfetch && beresp.status >= 500) {
    return (abandon);
  }
  # A forced refresh (`_t`) that gets a server error hands the error to its client, and leaves
  # the copy for the others: the builtin VCL would store a hit-for-miss marker in its place, and
  # the app's errors would reach every client for two minutes instead of the stale copy.
  if (beresp.status >= 500 && bereq.url ~ "[?&]_t=") {
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    return (deliver);
  }
  # Keep only what the app says may be kept, for as long as it says: Cache-Control s-maxage or
  # max-age, or Expires (Varnish computed beresp.ttl from them). Varnish would otherwise keep an
  # answer that says nothing for default_ttl (2 minutes), which the app never asked for.
  if (beresp.http.Cache-Control !~ "(?i)(^|[,\s])(s-maxage|max-age)=" && !beresp.http.Expires) {
    set beresp.ttl = 0s;
  }
  # After its freshness a copy may be served for up to an hour more: to the next request while a
  # background fetch replaces it, and to every request while the app fails (Age and ttl say so).
  set beresp.grace = 1h;
}

sub vcl_backend_error {
  # The same for a background fetch that could not reach the app at all.
  if (bereq.is_bgfetch) {
    return (abandon);
  }
}

sub vcl_deliver {
  # RFC 9211 Cache-Status, after any the app (or a cache behind this one) sent: `hit` with the
  # freshness left in whole seconds (negative: served stale in grace), or how the request went
  # forward (`stored` when its answer was kept).
  if (req.http.X-Cache-Fwd == "hit") {
    # Rounded down (std.integer alone rounds towards zero): a copy just past its freshness says -1.
    set req.http.X-Cache-Fwd = "Varnish; hit; ttl=" + std.integer(real=std.round(std.real(duration=obj.ttl) - 0.5), fallback=0);
  } elsif (req.http.X-Cache-Fwd) {
    set req.http.X-Cache-Fwd = "Varnish; fwd=" + req.http.X-Cache-Fwd;
    if (!obj.uncacheable && obj.ttl > 0s) {
      set req.http.X-Cache-Fwd = req.http.X-Cache-Fwd + "; stored";
    }
  }
  if (req.http.X-Cache-Fwd) {
    if (resp.http.Cache-Status) {
      std.collect(resp.http.Cache-Status);
      set resp.http.Cache-Status = resp.http.Cache-Status + ", " + req.http.X-Cache-Fwd;
    } else {
      set resp.http.Cache-Status = req.http.X-Cache-Fwd;
    }
  }
  call cors;
}

sub vcl_synth {
  if (req.method == "OPTIONS" && resp.status == 204) {
    set resp.http.Access-Control-Allow-Methods = "GET, HEAD";
    set resp.http.Access-Control-Allow-Headers = req.http.Access-Control-Request-Headers;
    set resp.http.Access-Control-Max-Age = "600";
  }
  call cors;
}

# Every answer, Varnish's own error pages included ("503 Backend fetch failed"): a page on another
# origin must read the error, the answer's age and its Cache-Status, not meet a network failure.
# The origin is reflected, as the reference server does: restrict it to yours.
sub cors {
  unset resp.http.Access-Control-Allow-Origin;
  unset resp.http.Access-Control-Allow-Credentials;
  unset resp.http.Access-Control-Expose-Headers;
  if (req.http.Origin) {
    set resp.http.Access-Control-Allow-Origin = req.http.Origin;
    set resp.http.Access-Control-Allow-Credentials = "true";
    set resp.http.Access-Control-Expose-Headers = "etag, last-modified, retry-after, date, age, cache-status";
  }
  if (resp.http.Vary) {
    set resp.http.Vary = resp.http.Vary + ", Origin";
  } else {
    set resp.http.Vary = "Origin";
  }
}
