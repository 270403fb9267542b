// \0rolldown/runtime.js
var e = Object.create, t = Object.defineProperty, n = Object.getOwnPropertyDescriptor, r = Object.getOwnPropertyNames, i = Object.getPrototypeOf, a = Object.prototype.hasOwnProperty, o = (e, t) => () => (t || (e((t = { exports: {} }).exports, t, t.exports), e = null), t.exports), s = (e, i, o, s) => {
	if (i && typeof i == "object" || typeof i == "function") for (var c = r(i), l = 0, u = c.length, d; l < u; l++) d = c[l], !a.call(e, d) && d !== o && t(e, d, {
		get: ((e) => i[e]).bind(null, d),
		enumerable: !(s = n(i, d)) || s.enumerable
	});
	return e;
}, c = (n, r, o) => (o = n == null ? {} : e(i(n)), s(r || !n || !n.__esModule || !a.call(n, "default") ? t(o, "default", {
	value: n,
	enumerable: !0
}) : o, n)), l = /* @__PURE__ */ o(((e) => {
	var t = Symbol.for("react.element"), n = Symbol.for("react.portal"), r = Symbol.for("react.fragment"), i = Symbol.for("react.strict_mode"), a = Symbol.for("react.profiler"), o = Symbol.for("react.provider"), s = Symbol.for("react.context"), c = Symbol.for("react.forward_ref"), l = Symbol.for("react.suspense"), u = Symbol.for("react.memo"), d = Symbol.for("react.lazy"), f = Symbol.iterator;
	function p(e) {
		return typeof e != "object" || !e ? null : (e = f && e[f] || e["@@iterator"], typeof e == "function" ? e : null);
	}
	var m = {
		isMounted: function() {
			return !1;
		},
		enqueueForceUpdate: function() {},
		enqueueReplaceState: function() {},
		enqueueSetState: function() {}
	}, h = Object.assign, g = {};
	function _(e, t, n) {
		this.props = e, this.context = t, this.refs = g, this.updater = n || m;
	}
	_.prototype.isReactComponent = {}, _.prototype.setState = function(e, t) {
		if (typeof e != "object" && typeof e != "function" && e != null) throw Error("setState(...): takes an object of state variables to update or a function which returns an object of state variables.");
		this.updater.enqueueSetState(this, e, t, "setState");
	}, _.prototype.forceUpdate = function(e) {
		this.updater.enqueueForceUpdate(this, e, "forceUpdate");
	};
	function v() {}
	v.prototype = _.prototype;
	function y(e, t, n) {
		this.props = e, this.context = t, this.refs = g, this.updater = n || m;
	}
	var b = y.prototype = new v();
	b.constructor = y, h(b, _.prototype), b.isPureReactComponent = !0;
	var x = Array.isArray, S = Object.prototype.hasOwnProperty, C = { current: null }, w = {
		key: !0,
		ref: !0,
		__self: !0,
		__source: !0
	};
	function T(e, n, r) {
		var i, a = {}, o = null, s = null;
		if (n != null) for (i in n.ref !== void 0 && (s = n.ref), n.key !== void 0 && (o = "" + n.key), n) S.call(n, i) && !w.hasOwnProperty(i) && (a[i] = n[i]);
		var c = arguments.length - 2;
		if (c === 1) a.children = r;
		else if (1 < c) {
			for (var l = Array(c), u = 0; u < c; u++) l[u] = arguments[u + 2];
			a.children = l;
		}
		if (e && e.defaultProps) for (i in c = e.defaultProps, c) a[i] === void 0 && (a[i] = c[i]);
		return {
			$$typeof: t,
			type: e,
			key: o,
			ref: s,
			props: a,
			_owner: C.current
		};
	}
	function E(e, n) {
		return {
			$$typeof: t,
			type: e.type,
			key: n,
			ref: e.ref,
			props: e.props,
			_owner: e._owner
		};
	}
	function D(e) {
		return typeof e == "object" && !!e && e.$$typeof === t;
	}
	function O(e) {
		var t = {
			"=": "=0",
			":": "=2"
		};
		return "$" + e.replace(/[=:]/g, function(e) {
			return t[e];
		});
	}
	var k = /\/+/g;
	function A(e, t) {
		return typeof e == "object" && e && e.key != null ? O("" + e.key) : t.toString(36);
	}
	function j(e, r, i, a, o) {
		var s = typeof e;
		(s === "undefined" || s === "boolean") && (e = null);
		var c = !1;
		if (e === null) c = !0;
		else switch (s) {
			case "string":
			case "number":
				c = !0;
				break;
			case "object": switch (e.$$typeof) {
				case t:
				case n: c = !0;
			}
		}
		if (c) return c = e, o = o(c), e = a === "" ? "." + A(c, 0) : a, x(o) ? (i = "", e != null && (i = e.replace(k, "$&/") + "/"), j(o, r, i, "", function(e) {
			return e;
		})) : o != null && (D(o) && (o = E(o, i + (!o.key || c && c.key === o.key ? "" : ("" + o.key).replace(k, "$&/") + "/") + e)), r.push(o)), 1;
		if (c = 0, a = a === "" ? "." : a + ":", x(e)) for (var l = 0; l < e.length; l++) {
			s = e[l];
			var u = a + A(s, l);
			c += j(s, r, i, u, o);
		}
		else if (u = p(e), typeof u == "function") for (e = u.call(e), l = 0; !(s = e.next()).done;) s = s.value, u = a + A(s, l++), c += j(s, r, i, u, o);
		else if (s === "object") throw r = String(e), Error("Objects are not valid as a React child (found: " + (r === "[object Object]" ? "object with keys {" + Object.keys(e).join(", ") + "}" : r) + "). If you meant to render a collection of children, use an array instead.");
		return c;
	}
	function M(e, t, n) {
		if (e == null) return e;
		var r = [], i = 0;
		return j(e, r, "", "", function(e) {
			return t.call(n, e, i++);
		}), r;
	}
	function N(e) {
		if (e._status === -1) {
			var t = e._result;
			t = t(), t.then(function(t) {
				(e._status === 0 || e._status === -1) && (e._status = 1, e._result = t);
			}, function(t) {
				(e._status === 0 || e._status === -1) && (e._status = 2, e._result = t);
			}), e._status === -1 && (e._status = 0, e._result = t);
		}
		if (e._status === 1) return e._result.default;
		throw e._result;
	}
	var P = { current: null }, F = { transition: null }, ee = {
		ReactCurrentDispatcher: P,
		ReactCurrentBatchConfig: F,
		ReactCurrentOwner: C
	};
	function te() {
		throw Error("act(...) is not supported in production builds of React.");
	}
	e.Children = {
		map: M,
		forEach: function(e, t, n) {
			M(e, function() {
				t.apply(this, arguments);
			}, n);
		},
		count: function(e) {
			var t = 0;
			return M(e, function() {
				t++;
			}), t;
		},
		toArray: function(e) {
			return M(e, function(e) {
				return e;
			}) || [];
		},
		only: function(e) {
			if (!D(e)) throw Error("React.Children.only expected to receive a single React element child.");
			return e;
		}
	}, e.Component = _, e.Fragment = r, e.Profiler = a, e.PureComponent = y, e.StrictMode = i, e.Suspense = l, e.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED = ee, e.act = te, e.cloneElement = function(e, n, r) {
		if (e == null) throw Error("React.cloneElement(...): The argument must be a React element, but you passed " + e + ".");
		var i = h({}, e.props), a = e.key, o = e.ref, s = e._owner;
		if (n != null) {
			if (n.ref !== void 0 && (o = n.ref, s = C.current), n.key !== void 0 && (a = "" + n.key), e.type && e.type.defaultProps) var c = e.type.defaultProps;
			for (l in n) S.call(n, l) && !w.hasOwnProperty(l) && (i[l] = n[l] === void 0 && c !== void 0 ? c[l] : n[l]);
		}
		var l = arguments.length - 2;
		if (l === 1) i.children = r;
		else if (1 < l) {
			c = Array(l);
			for (var u = 0; u < l; u++) c[u] = arguments[u + 2];
			i.children = c;
		}
		return {
			$$typeof: t,
			type: e.type,
			key: a,
			ref: o,
			props: i,
			_owner: s
		};
	}, e.createContext = function(e) {
		return e = {
			$$typeof: s,
			_currentValue: e,
			_currentValue2: e,
			_threadCount: 0,
			Provider: null,
			Consumer: null,
			_defaultValue: null,
			_globalName: null
		}, e.Provider = {
			$$typeof: o,
			_context: e
		}, e.Consumer = e;
	}, e.createElement = T, e.createFactory = function(e) {
		var t = T.bind(null, e);
		return t.type = e, t;
	}, e.createRef = function() {
		return { current: null };
	}, e.forwardRef = function(e) {
		return {
			$$typeof: c,
			render: e
		};
	}, e.isValidElement = D, e.lazy = function(e) {
		return {
			$$typeof: d,
			_payload: {
				_status: -1,
				_result: e
			},
			_init: N
		};
	}, e.memo = function(e, t) {
		return {
			$$typeof: u,
			type: e,
			compare: t === void 0 ? null : t
		};
	}, e.startTransition = function(e) {
		var t = F.transition;
		F.transition = {};
		try {
			e();
		} finally {
			F.transition = t;
		}
	}, e.unstable_act = te, e.useCallback = function(e, t) {
		return P.current.useCallback(e, t);
	}, e.useContext = function(e) {
		return P.current.useContext(e);
	}, e.useDebugValue = function() {}, e.useDeferredValue = function(e) {
		return P.current.useDeferredValue(e);
	}, e.useEffect = function(e, t) {
		return P.current.useEffect(e, t);
	}, e.useId = function() {
		return P.current.useId();
	}, e.useImperativeHandle = function(e, t, n) {
		return P.current.useImperativeHandle(e, t, n);
	}, e.useInsertionEffect = function(e, t) {
		return P.current.useInsertionEffect(e, t);
	}, e.useLayoutEffect = function(e, t) {
		return P.current.useLayoutEffect(e, t);
	}, e.useMemo = function(e, t) {
		return P.current.useMemo(e, t);
	}, e.useReducer = function(e, t, n) {
		return P.current.useReducer(e, t, n);
	}, e.useRef = function(e) {
		return P.current.useRef(e);
	}, e.useState = function(e) {
		return P.current.useState(e);
	}, e.useSyncExternalStore = function(e, t, n) {
		return P.current.useSyncExternalStore(e, t, n);
	}, e.useTransition = function() {
		return P.current.useTransition();
	}, e.version = "18.3.1";
})), u = /* @__PURE__ */ o(((e, t) => {
	t.exports = l();
})), d = /* @__PURE__ */ o(((e) => {
	function t(e, t) {
		var n = e.length;
		e.push(t);
		a: for (; 0 < n;) {
			var r = n - 1 >>> 1, a = e[r];
			if (0 < i(a, t)) e[r] = t, e[n] = a, n = r;
			else break a;
		}
	}
	function n(e) {
		return e.length === 0 ? null : e[0];
	}
	function r(e) {
		if (e.length === 0) return null;
		var t = e[0], n = e.pop();
		if (n !== t) {
			e[0] = n;
			a: for (var r = 0, a = e.length, o = a >>> 1; r < o;) {
				var s = 2 * (r + 1) - 1, c = e[s], l = s + 1, u = e[l];
				if (0 > i(c, n)) l < a && 0 > i(u, c) ? (e[r] = u, e[l] = n, r = l) : (e[r] = c, e[s] = n, r = s);
				else if (l < a && 0 > i(u, n)) e[r] = u, e[l] = n, r = l;
				else break a;
			}
		}
		return t;
	}
	function i(e, t) {
		var n = e.sortIndex - t.sortIndex;
		return n === 0 ? e.id - t.id : n;
	}
	if (typeof performance == "object" && typeof performance.now == "function") {
		var a = performance;
		e.unstable_now = function() {
			return a.now();
		};
	} else {
		var o = Date, s = o.now();
		e.unstable_now = function() {
			return o.now() - s;
		};
	}
	var c = [], l = [], u = 1, d = null, f = 3, p = !1, m = !1, h = !1, g = typeof setTimeout == "function" ? setTimeout : null, _ = typeof clearTimeout == "function" ? clearTimeout : null, v = typeof setImmediate < "u" ? setImmediate : null;
	typeof navigator < "u" && navigator.scheduling !== void 0 && navigator.scheduling.isInputPending !== void 0 && navigator.scheduling.isInputPending.bind(navigator.scheduling);
	function y(e) {
		for (var i = n(l); i !== null;) {
			if (i.callback === null) r(l);
			else if (i.startTime <= e) r(l), i.sortIndex = i.expirationTime, t(c, i);
			else break;
			i = n(l);
		}
	}
	function b(e) {
		if (h = !1, y(e), !m) {
			if (n(c) !== null) m = !0, M(x);
			else {
				var t = n(l);
				t !== null && N(b, t.startTime - e);
			}
		}
	}
	function x(t, i) {
		m = !1, h && (h = !1, _(w), w = -1), p = !0;
		var a = f;
		try {
			for (y(i), d = n(c); d !== null && (!(d.expirationTime > i) || t && !D());) {
				var o = d.callback;
				if (typeof o == "function") {
					d.callback = null, f = d.priorityLevel;
					var s = o(d.expirationTime <= i);
					i = e.unstable_now(), typeof s == "function" ? d.callback = s : d === n(c) && r(c), y(i);
				} else r(c);
				d = n(c);
			}
			if (d !== null) var u = !0;
			else {
				var g = n(l);
				g !== null && N(b, g.startTime - i), u = !1;
			}
			return u;
		} finally {
			d = null, f = a, p = !1;
		}
	}
	var S = !1, C = null, w = -1, T = 5, E = -1;
	function D() {
		return !(e.unstable_now() - E < T);
	}
	function O() {
		if (C !== null) {
			var t = e.unstable_now();
			E = t;
			var n = !0;
			try {
				n = C(!0, t);
			} finally {
				n ? k() : (S = !1, C = null);
			}
		} else S = !1;
	}
	var k;
	if (typeof v == "function") k = function() {
		v(O);
	};
	else if (typeof MessageChannel < "u") {
		var A = new MessageChannel(), j = A.port2;
		A.port1.onmessage = O, k = function() {
			j.postMessage(null);
		};
	} else k = function() {
		g(O, 0);
	};
	function M(e) {
		C = e, S || (S = !0, k());
	}
	function N(t, n) {
		w = g(function() {
			t(e.unstable_now());
		}, n);
	}
	e.unstable_IdlePriority = 5, e.unstable_ImmediatePriority = 1, e.unstable_LowPriority = 4, e.unstable_NormalPriority = 3, e.unstable_Profiling = null, e.unstable_UserBlockingPriority = 2, e.unstable_cancelCallback = function(e) {
		e.callback = null;
	}, e.unstable_continueExecution = function() {
		m || p || (m = !0, M(x));
	}, e.unstable_forceFrameRate = function(e) {
		0 > e || 125 < e ? console.error("forceFrameRate takes a positive int between 0 and 125, forcing frame rates higher than 125 fps is not supported") : T = 0 < e ? Math.floor(1e3 / e) : 5;
	}, e.unstable_getCurrentPriorityLevel = function() {
		return f;
	}, e.unstable_getFirstCallbackNode = function() {
		return n(c);
	}, e.unstable_next = function(e) {
		switch (f) {
			case 1:
			case 2:
			case 3:
				var t = 3;
				break;
			default: t = f;
		}
		var n = f;
		f = t;
		try {
			return e();
		} finally {
			f = n;
		}
	}, e.unstable_pauseExecution = function() {}, e.unstable_requestPaint = function() {}, e.unstable_runWithPriority = function(e, t) {
		switch (e) {
			case 1:
			case 2:
			case 3:
			case 4:
			case 5: break;
			default: e = 3;
		}
		var n = f;
		f = e;
		try {
			return t();
		} finally {
			f = n;
		}
	}, e.unstable_scheduleCallback = function(r, i, a) {
		var o = e.unstable_now();
		switch (typeof a == "object" && a ? (a = a.delay, a = typeof a == "number" && 0 < a ? o + a : o) : a = o, r) {
			case 1:
				var s = -1;
				break;
			case 2:
				s = 250;
				break;
			case 5:
				s = 1073741823;
				break;
			case 4:
				s = 1e4;
				break;
			default: s = 5e3;
		}
		return s = a + s, r = {
			id: u++,
			callback: i,
			priorityLevel: r,
			startTime: a,
			expirationTime: s,
			sortIndex: -1
		}, a > o ? (r.sortIndex = a, t(l, r), n(c) === null && r === n(l) && (h ? (_(w), w = -1) : h = !0, N(b, a - o))) : (r.sortIndex = s, t(c, r), m || p || (m = !0, M(x))), r;
	}, e.unstable_shouldYield = D, e.unstable_wrapCallback = function(e) {
		var t = f;
		return function() {
			var n = f;
			f = t;
			try {
				return e.apply(this, arguments);
			} finally {
				f = n;
			}
		};
	};
})), f = /* @__PURE__ */ o(((e, t) => {
	t.exports = d();
})), p = /* @__PURE__ */ o(((e) => {
	var t = u(), n = f();
	function r(e) {
		for (var t = "https://reactjs.org/docs/error-decoder.html?invariant=" + e, n = 1; n < arguments.length; n++) t += "&args[]=" + encodeURIComponent(arguments[n]);
		return "Minified React error #" + e + "; visit " + t + " for the full message or use the non-minified dev environment for full errors and additional helpful warnings.";
	}
	var i = /* @__PURE__ */ new Set(), a = {};
	function o(e, t) {
		s(e, t), s(e + "Capture", t);
	}
	function s(e, t) {
		for (a[e] = t, e = 0; e < t.length; e++) i.add(t[e]);
	}
	var c = typeof window < "u" && window.document !== void 0 && window.document.createElement !== void 0, l = Object.prototype.hasOwnProperty, d = /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*$/, p = {}, m = {};
	function h(e) {
		return l.call(m, e) ? !0 : l.call(p, e) ? !1 : d.test(e) ? m[e] = !0 : (p[e] = !0, !1);
	}
	function g(e, t, n, r) {
		if (n !== null && n.type === 0) return !1;
		switch (typeof t) {
			case "function":
			case "symbol": return !0;
			case "boolean": return r ? !1 : n === null ? (e = e.toLowerCase().slice(0, 5), e !== "data-" && e !== "aria-") : !n.acceptsBooleans;
			default: return !1;
		}
	}
	function _(e, t, n, r) {
		if (t == null || g(e, t, n, r)) return !0;
		if (r) return !1;
		if (n !== null) switch (n.type) {
			case 3: return !t;
			case 4: return !1 === t;
			case 5: return isNaN(t);
			case 6: return isNaN(t) || 1 > t;
		}
		return !1;
	}
	function v(e, t, n, r, i, a, o) {
		this.acceptsBooleans = t === 2 || t === 3 || t === 4, this.attributeName = r, this.attributeNamespace = i, this.mustUseProperty = n, this.propertyName = e, this.type = t, this.sanitizeURL = a, this.removeEmptyString = o;
	}
	var y = {};
	"children dangerouslySetInnerHTML defaultValue defaultChecked innerHTML suppressContentEditableWarning suppressHydrationWarning style".split(" ").forEach(function(e) {
		y[e] = new v(e, 0, !1, e, null, !1, !1);
	}), [
		["acceptCharset", "accept-charset"],
		["className", "class"],
		["htmlFor", "for"],
		["httpEquiv", "http-equiv"]
	].forEach(function(e) {
		var t = e[0];
		y[t] = new v(t, 1, !1, e[1], null, !1, !1);
	}), [
		"contentEditable",
		"draggable",
		"spellCheck",
		"value"
	].forEach(function(e) {
		y[e] = new v(e, 2, !1, e.toLowerCase(), null, !1, !1);
	}), [
		"autoReverse",
		"externalResourcesRequired",
		"focusable",
		"preserveAlpha"
	].forEach(function(e) {
		y[e] = new v(e, 2, !1, e, null, !1, !1);
	}), "allowFullScreen async autoFocus autoPlay controls default defer disabled disablePictureInPicture disableRemotePlayback formNoValidate hidden loop noModule noValidate open playsInline readOnly required reversed scoped seamless itemScope".split(" ").forEach(function(e) {
		y[e] = new v(e, 3, !1, e.toLowerCase(), null, !1, !1);
	}), [
		"checked",
		"multiple",
		"muted",
		"selected"
	].forEach(function(e) {
		y[e] = new v(e, 3, !0, e, null, !1, !1);
	}), ["capture", "download"].forEach(function(e) {
		y[e] = new v(e, 4, !1, e, null, !1, !1);
	}), [
		"cols",
		"rows",
		"size",
		"span"
	].forEach(function(e) {
		y[e] = new v(e, 6, !1, e, null, !1, !1);
	}), ["rowSpan", "start"].forEach(function(e) {
		y[e] = new v(e, 5, !1, e.toLowerCase(), null, !1, !1);
	});
	var b = /[\-:]([a-z])/g;
	function x(e) {
		return e[1].toUpperCase();
	}
	"accent-height alignment-baseline arabic-form baseline-shift cap-height clip-path clip-rule color-interpolation color-interpolation-filters color-profile color-rendering dominant-baseline enable-background fill-opacity fill-rule flood-color flood-opacity font-family font-size font-size-adjust font-stretch font-style font-variant font-weight glyph-name glyph-orientation-horizontal glyph-orientation-vertical horiz-adv-x horiz-origin-x image-rendering letter-spacing lighting-color marker-end marker-mid marker-start overline-position overline-thickness paint-order panose-1 pointer-events rendering-intent shape-rendering stop-color stop-opacity strikethrough-position strikethrough-thickness stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration text-rendering underline-position underline-thickness unicode-bidi unicode-range units-per-em v-alphabetic v-hanging v-ideographic v-mathematical vector-effect vert-adv-y vert-origin-x vert-origin-y word-spacing writing-mode xmlns:xlink x-height".split(" ").forEach(function(e) {
		var t = e.replace(b, x);
		y[t] = new v(t, 1, !1, e, null, !1, !1);
	}), "xlink:actuate xlink:arcrole xlink:role xlink:show xlink:title xlink:type".split(" ").forEach(function(e) {
		var t = e.replace(b, x);
		y[t] = new v(t, 1, !1, e, "http://www.w3.org/1999/xlink", !1, !1);
	}), [
		"xml:base",
		"xml:lang",
		"xml:space"
	].forEach(function(e) {
		var t = e.replace(b, x);
		y[t] = new v(t, 1, !1, e, "http://www.w3.org/XML/1998/namespace", !1, !1);
	}), ["tabIndex", "crossOrigin"].forEach(function(e) {
		y[e] = new v(e, 1, !1, e.toLowerCase(), null, !1, !1);
	}), y.xlinkHref = new v("xlinkHref", 1, !1, "xlink:href", "http://www.w3.org/1999/xlink", !0, !1), [
		"src",
		"href",
		"action",
		"formAction"
	].forEach(function(e) {
		y[e] = new v(e, 1, !1, e.toLowerCase(), null, !0, !0);
	});
	function S(e, t, n, r) {
		var i = y.hasOwnProperty(t) ? y[t] : null;
		(i === null ? r || !(2 < t.length) || t[0] !== "o" && t[0] !== "O" || t[1] !== "n" && t[1] !== "N" : i.type !== 0) && (_(t, n, i, r) && (n = null), r || i === null ? h(t) && (n === null ? e.removeAttribute(t) : e.setAttribute(t, "" + n)) : i.mustUseProperty ? e[i.propertyName] = n === null ? i.type !== 3 && "" : n : (t = i.attributeName, r = i.attributeNamespace, n === null ? e.removeAttribute(t) : (i = i.type, n = i === 3 || i === 4 && !0 === n ? "" : "" + n, r ? e.setAttributeNS(r, t, n) : e.setAttribute(t, n))));
	}
	var C = t.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED, w = Symbol.for("react.element"), T = Symbol.for("react.portal"), E = Symbol.for("react.fragment"), D = Symbol.for("react.strict_mode"), O = Symbol.for("react.profiler"), k = Symbol.for("react.provider"), A = Symbol.for("react.context"), j = Symbol.for("react.forward_ref"), M = Symbol.for("react.suspense"), N = Symbol.for("react.suspense_list"), P = Symbol.for("react.memo"), F = Symbol.for("react.lazy"), ee = Symbol.for("react.offscreen"), te = Symbol.iterator;
	function ne(e) {
		return typeof e != "object" || !e ? null : (e = te && e[te] || e["@@iterator"], typeof e == "function" ? e : null);
	}
	var I = Object.assign, L;
	function R(e) {
		if (L === void 0) try {
			throw Error();
		} catch (e) {
			var t = e.stack.trim().match(/\n( *(at )?)/);
			L = t && t[1] || "";
		}
		return "\n" + L + e;
	}
	var z = !1;
	function re(e, t) {
		if (!e || z) return "";
		z = !0;
		var n = Error.prepareStackTrace;
		Error.prepareStackTrace = void 0;
		try {
			if (t) {
				if (t = function() {
					throw Error();
				}, Object.defineProperty(t.prototype, "props", { set: function() {
					throw Error();
				} }), typeof Reflect == "object" && Reflect.construct) {
					try {
						Reflect.construct(t, []);
					} catch (e) {
						var r = e;
					}
					Reflect.construct(e, [], t);
				} else {
					try {
						t.call();
					} catch (e) {
						r = e;
					}
					e.call(t.prototype);
				}
			} else {
				try {
					throw Error();
				} catch (e) {
					r = e;
				}
				e();
			}
		} catch (t) {
			if (t && r && typeof t.stack == "string") {
				for (var i = t.stack.split("\n"), a = r.stack.split("\n"), o = i.length - 1, s = a.length - 1; 1 <= o && 0 <= s && i[o] !== a[s];) s--;
				for (; 1 <= o && 0 <= s; o--, s--) if (i[o] !== a[s]) {
					if (o !== 1 || s !== 1) do
						if (o--, s--, 0 > s || i[o] !== a[s]) {
							var c = "\n" + i[o].replace(" at new ", " at ");
							return e.displayName && c.includes("<anonymous>") && (c = c.replace("<anonymous>", e.displayName)), c;
						}
					while (1 <= o && 0 <= s);
					break;
				}
			}
		} finally {
			z = !1, Error.prepareStackTrace = n;
		}
		return (e = e ? e.displayName || e.name : "") ? R(e) : "";
	}
	function ie(e) {
		switch (e.tag) {
			case 5: return R(e.type);
			case 16: return R("Lazy");
			case 13: return R("Suspense");
			case 19: return R("SuspenseList");
			case 0:
			case 2:
			case 15: return e = re(e.type, !1), e;
			case 11: return e = re(e.type.render, !1), e;
			case 1: return e = re(e.type, !0), e;
			default: return "";
		}
	}
	function ae(e) {
		if (e == null) return null;
		if (typeof e == "function") return e.displayName || e.name || null;
		if (typeof e == "string") return e;
		switch (e) {
			case E: return "Fragment";
			case T: return "Portal";
			case O: return "Profiler";
			case D: return "StrictMode";
			case M: return "Suspense";
			case N: return "SuspenseList";
		}
		if (typeof e == "object") switch (e.$$typeof) {
			case A: return (e.displayName || "Context") + ".Consumer";
			case k: return (e._context.displayName || "Context") + ".Provider";
			case j:
				var t = e.render;
				return e = e.displayName, e ||= (e = t.displayName || t.name || "", e === "" ? "ForwardRef" : "ForwardRef(" + e + ")"), e;
			case P: return t = e.displayName || null, t === null ? ae(e.type) || "Memo" : t;
			case F:
				t = e._payload, e = e._init;
				try {
					return ae(e(t));
				} catch {}
		}
		return null;
	}
	function oe(e) {
		var t = e.type;
		switch (e.tag) {
			case 24: return "Cache";
			case 9: return (t.displayName || "Context") + ".Consumer";
			case 10: return (t._context.displayName || "Context") + ".Provider";
			case 18: return "DehydratedFragment";
			case 11: return e = t.render, e = e.displayName || e.name || "", t.displayName || (e === "" ? "ForwardRef" : "ForwardRef(" + e + ")");
			case 7: return "Fragment";
			case 5: return t;
			case 4: return "Portal";
			case 3: return "Root";
			case 6: return "Text";
			case 16: return ae(t);
			case 8: return t === D ? "StrictMode" : "Mode";
			case 22: return "Offscreen";
			case 12: return "Profiler";
			case 21: return "Scope";
			case 13: return "Suspense";
			case 19: return "SuspenseList";
			case 25: return "TracingMarker";
			case 1:
			case 0:
			case 17:
			case 2:
			case 14:
			case 15:
				if (typeof t == "function") return t.displayName || t.name || null;
				if (typeof t == "string") return t;
		}
		return null;
	}
	function se(e) {
		switch (typeof e) {
			case "boolean":
			case "number":
			case "string":
			case "undefined": return e;
			case "object": return e;
			default: return "";
		}
	}
	function ce(e) {
		var t = e.type;
		return (e = e.nodeName) && e.toLowerCase() === "input" && (t === "checkbox" || t === "radio");
	}
	function le(e) {
		var t = ce(e) ? "checked" : "value", n = Object.getOwnPropertyDescriptor(e.constructor.prototype, t), r = "" + e[t];
		if (!e.hasOwnProperty(t) && n !== void 0 && typeof n.get == "function" && typeof n.set == "function") {
			var i = n.get, a = n.set;
			return Object.defineProperty(e, t, {
				configurable: !0,
				get: function() {
					return i.call(this);
				},
				set: function(e) {
					r = "" + e, a.call(this, e);
				}
			}), Object.defineProperty(e, t, { enumerable: n.enumerable }), {
				getValue: function() {
					return r;
				},
				setValue: function(e) {
					r = "" + e;
				},
				stopTracking: function() {
					e._valueTracker = null, delete e[t];
				}
			};
		}
	}
	function ue(e) {
		e._valueTracker ||= le(e);
	}
	function de(e) {
		if (!e) return !1;
		var t = e._valueTracker;
		if (!t) return !0;
		var n = t.getValue(), r = "";
		return e && (r = ce(e) ? e.checked ? "true" : "false" : e.value), e = r, e !== n && (t.setValue(e), !0);
	}
	function fe(e) {
		if (e ||= typeof document < "u" ? document : void 0, e === void 0) return null;
		try {
			return e.activeElement || e.body;
		} catch {
			return e.body;
		}
	}
	function pe(e, t) {
		var n = t.checked;
		return I({}, t, {
			defaultChecked: void 0,
			defaultValue: void 0,
			value: void 0,
			checked: n ?? e._wrapperState.initialChecked
		});
	}
	function me(e, t) {
		var n = t.defaultValue == null ? "" : t.defaultValue, r = t.checked == null ? t.defaultChecked : t.checked;
		n = se(t.value == null ? n : t.value), e._wrapperState = {
			initialChecked: r,
			initialValue: n,
			controlled: t.type === "checkbox" || t.type === "radio" ? t.checked != null : t.value != null
		};
	}
	function he(e, t) {
		t = t.checked, t != null && S(e, "checked", t, !1);
	}
	function ge(e, t) {
		he(e, t);
		var n = se(t.value), r = t.type;
		if (n != null) r === "number" ? (n === 0 && e.value === "" || e.value != n) && (e.value = "" + n) : e.value !== "" + n && (e.value = "" + n);
		else if (r === "submit" || r === "reset") {
			e.removeAttribute("value");
			return;
		}
		t.hasOwnProperty("value") ? ve(e, t.type, n) : t.hasOwnProperty("defaultValue") && ve(e, t.type, se(t.defaultValue)), t.checked == null && t.defaultChecked != null && (e.defaultChecked = !!t.defaultChecked);
	}
	function _e(e, t, n) {
		if (t.hasOwnProperty("value") || t.hasOwnProperty("defaultValue")) {
			var r = t.type;
			if (!(r !== "submit" && r !== "reset" || t.value !== void 0 && t.value !== null)) return;
			t = "" + e._wrapperState.initialValue, n || t === e.value || (e.value = t), e.defaultValue = t;
		}
		n = e.name, n !== "" && (e.name = ""), e.defaultChecked = !!e._wrapperState.initialChecked, n !== "" && (e.name = n);
	}
	function ve(e, t, n) {
		(t !== "number" || fe(e.ownerDocument) !== e) && (n == null ? e.defaultValue = "" + e._wrapperState.initialValue : e.defaultValue !== "" + n && (e.defaultValue = "" + n));
	}
	var ye = Array.isArray;
	function be(e, t, n, r) {
		if (e = e.options, t) {
			t = {};
			for (var i = 0; i < n.length; i++) t["$" + n[i]] = !0;
			for (n = 0; n < e.length; n++) i = t.hasOwnProperty("$" + e[n].value), e[n].selected !== i && (e[n].selected = i), i && r && (e[n].defaultSelected = !0);
		} else {
			for (n = "" + se(n), t = null, i = 0; i < e.length; i++) {
				if (e[i].value === n) {
					e[i].selected = !0, r && (e[i].defaultSelected = !0);
					return;
				}
				t !== null || e[i].disabled || (t = e[i]);
			}
			t !== null && (t.selected = !0);
		}
	}
	function xe(e, t) {
		if (t.dangerouslySetInnerHTML != null) throw Error(r(91));
		return I({}, t, {
			value: void 0,
			defaultValue: void 0,
			children: "" + e._wrapperState.initialValue
		});
	}
	function Se(e, t) {
		var n = t.value;
		if (n == null) {
			if (n = t.children, t = t.defaultValue, n != null) {
				if (t != null) throw Error(r(92));
				if (ye(n)) {
					if (1 < n.length) throw Error(r(93));
					n = n[0];
				}
				t = n;
			}
			t ??= "", n = t;
		}
		e._wrapperState = { initialValue: se(n) };
	}
	function Ce(e, t) {
		var n = se(t.value), r = se(t.defaultValue);
		n != null && (n = "" + n, n !== e.value && (e.value = n), t.defaultValue == null && e.defaultValue !== n && (e.defaultValue = n)), r != null && (e.defaultValue = "" + r);
	}
	function we(e) {
		var t = e.textContent;
		t === e._wrapperState.initialValue && t !== "" && t !== null && (e.value = t);
	}
	function Te(e) {
		switch (e) {
			case "svg": return "http://www.w3.org/2000/svg";
			case "math": return "http://www.w3.org/1998/Math/MathML";
			default: return "http://www.w3.org/1999/xhtml";
		}
	}
	function Ee(e, t) {
		return e == null || e === "http://www.w3.org/1999/xhtml" ? Te(t) : e === "http://www.w3.org/2000/svg" && t === "foreignObject" ? "http://www.w3.org/1999/xhtml" : e;
	}
	var De, Oe = function(e) {
		return typeof MSApp < "u" && MSApp.execUnsafeLocalFunction ? function(t, n, r, i) {
			MSApp.execUnsafeLocalFunction(function() {
				return e(t, n, r, i);
			});
		} : e;
	}(function(e, t) {
		if (e.namespaceURI !== "http://www.w3.org/2000/svg" || "innerHTML" in e) e.innerHTML = t;
		else {
			for (De ||= document.createElement("div"), De.innerHTML = "<svg>" + t.valueOf().toString() + "</svg>", t = De.firstChild; e.firstChild;) e.removeChild(e.firstChild);
			for (; t.firstChild;) e.appendChild(t.firstChild);
		}
	});
	function ke(e, t) {
		if (t) {
			var n = e.firstChild;
			if (n && n === e.lastChild && n.nodeType === 3) {
				n.nodeValue = t;
				return;
			}
		}
		e.textContent = t;
	}
	var Ae = {
		animationIterationCount: !0,
		aspectRatio: !0,
		borderImageOutset: !0,
		borderImageSlice: !0,
		borderImageWidth: !0,
		boxFlex: !0,
		boxFlexGroup: !0,
		boxOrdinalGroup: !0,
		columnCount: !0,
		columns: !0,
		flex: !0,
		flexGrow: !0,
		flexPositive: !0,
		flexShrink: !0,
		flexNegative: !0,
		flexOrder: !0,
		gridArea: !0,
		gridRow: !0,
		gridRowEnd: !0,
		gridRowSpan: !0,
		gridRowStart: !0,
		gridColumn: !0,
		gridColumnEnd: !0,
		gridColumnSpan: !0,
		gridColumnStart: !0,
		fontWeight: !0,
		lineClamp: !0,
		lineHeight: !0,
		opacity: !0,
		order: !0,
		orphans: !0,
		tabSize: !0,
		widows: !0,
		zIndex: !0,
		zoom: !0,
		fillOpacity: !0,
		floodOpacity: !0,
		stopOpacity: !0,
		strokeDasharray: !0,
		strokeDashoffset: !0,
		strokeMiterlimit: !0,
		strokeOpacity: !0,
		strokeWidth: !0
	}, je = [
		"Webkit",
		"ms",
		"Moz",
		"O"
	];
	Object.keys(Ae).forEach(function(e) {
		je.forEach(function(t) {
			t = t + e.charAt(0).toUpperCase() + e.substring(1), Ae[t] = Ae[e];
		});
	});
	function Me(e, t, n) {
		return t == null || typeof t == "boolean" || t === "" ? "" : n || typeof t != "number" || t === 0 || Ae.hasOwnProperty(e) && Ae[e] ? ("" + t).trim() : t + "px";
	}
	function Ne(e, t) {
		for (var n in e = e.style, t) if (t.hasOwnProperty(n)) {
			var r = n.indexOf("--") === 0, i = Me(n, t[n], r);
			n === "float" && (n = "cssFloat"), r ? e.setProperty(n, i) : e[n] = i;
		}
	}
	var Pe = I({ menuitem: !0 }, {
		area: !0,
		base: !0,
		br: !0,
		col: !0,
		embed: !0,
		hr: !0,
		img: !0,
		input: !0,
		keygen: !0,
		link: !0,
		meta: !0,
		param: !0,
		source: !0,
		track: !0,
		wbr: !0
	});
	function Fe(e, t) {
		if (t) {
			if (Pe[e] && (t.children != null || t.dangerouslySetInnerHTML != null)) throw Error(r(137, e));
			if (t.dangerouslySetInnerHTML != null) {
				if (t.children != null) throw Error(r(60));
				if (typeof t.dangerouslySetInnerHTML != "object" || !("__html" in t.dangerouslySetInnerHTML)) throw Error(r(61));
			}
			if (t.style != null && typeof t.style != "object") throw Error(r(62));
		}
	}
	function Ie(e, t) {
		if (e.indexOf("-") === -1) return typeof t.is == "string";
		switch (e) {
			case "annotation-xml":
			case "color-profile":
			case "font-face":
			case "font-face-src":
			case "font-face-uri":
			case "font-face-format":
			case "font-face-name":
			case "missing-glyph": return !1;
			default: return !0;
		}
	}
	var Le = null;
	function Re(e) {
		return e = e.target || e.srcElement || window, e.correspondingUseElement && (e = e.correspondingUseElement), e.nodeType === 3 ? e.parentNode : e;
	}
	var ze = null, Be = null, Ve = null;
	function He(e) {
		if (e = Vi(e)) {
			if (typeof ze != "function") throw Error(r(280));
			var t = e.stateNode;
			t && (t = Ui(t), ze(e.stateNode, e.type, t));
		}
	}
	function Ue(e) {
		Be ? Ve ? Ve.push(e) : Ve = [e] : Be = e;
	}
	function We() {
		if (Be) {
			var e = Be, t = Ve;
			if (Ve = Be = null, He(e), t) for (e = 0; e < t.length; e++) He(t[e]);
		}
	}
	function Ge(e, t) {
		return e(t);
	}
	function Ke() {}
	var qe = !1;
	function Je(e, t, n) {
		if (qe) return e(t, n);
		qe = !0;
		try {
			return Ge(e, t, n);
		} finally {
			qe = !1, (Be !== null || Ve !== null) && (Ke(), We());
		}
	}
	function Ye(e, t) {
		var n = e.stateNode;
		if (n === null) return null;
		var i = Ui(n);
		if (i === null) return null;
		n = i[t];
		a: switch (t) {
			case "onClick":
			case "onClickCapture":
			case "onDoubleClick":
			case "onDoubleClickCapture":
			case "onMouseDown":
			case "onMouseDownCapture":
			case "onMouseMove":
			case "onMouseMoveCapture":
			case "onMouseUp":
			case "onMouseUpCapture":
			case "onMouseEnter":
				(i = !i.disabled) || (e = e.type, i = e !== "button" && e !== "input" && e !== "select" && e !== "textarea"), e = !i;
				break a;
			default: e = !1;
		}
		if (e) return null;
		if (n && typeof n != "function") throw Error(r(231, t, typeof n));
		return n;
	}
	var Xe = !1;
	if (c) try {
		var Ze = {};
		Object.defineProperty(Ze, "passive", { get: function() {
			Xe = !0;
		} }), window.addEventListener("test", Ze, Ze), window.removeEventListener("test", Ze, Ze);
	} catch {
		Xe = !1;
	}
	function Qe(e, t, n, r, i, a, o, s, c) {
		var l = Array.prototype.slice.call(arguments, 3);
		try {
			t.apply(n, l);
		} catch (e) {
			this.onError(e);
		}
	}
	var $e = !1, et = null, tt = !1, nt = null, rt = { onError: function(e) {
		$e = !0, et = e;
	} };
	function it(e, t, n, r, i, a, o, s, c) {
		$e = !1, et = null, Qe.apply(rt, arguments);
	}
	function at(e, t, n, i, a, o, s, c, l) {
		if (it.apply(this, arguments), $e) {
			if ($e) {
				var u = et;
				$e = !1, et = null;
			} else throw Error(r(198));
			tt || (tt = !0, nt = u);
		}
	}
	function ot(e) {
		var t = e, n = e;
		if (e.alternate) for (; t.return;) t = t.return;
		else {
			e = t;
			do
				t = e, t.flags & 4098 && (n = t.return), e = t.return;
			while (e);
		}
		return t.tag === 3 ? n : null;
	}
	function st(e) {
		if (e.tag === 13) {
			var t = e.memoizedState;
			if (t === null && (e = e.alternate, e !== null && (t = e.memoizedState)), t !== null) return t.dehydrated;
		}
		return null;
	}
	function ct(e) {
		if (ot(e) !== e) throw Error(r(188));
	}
	function lt(e) {
		var t = e.alternate;
		if (!t) {
			if (t = ot(e), t === null) throw Error(r(188));
			return t === e ? e : null;
		}
		for (var n = e, i = t;;) {
			var a = n.return;
			if (a === null) break;
			var o = a.alternate;
			if (o === null) {
				if (i = a.return, i !== null) {
					n = i;
					continue;
				}
				break;
			}
			if (a.child === o.child) {
				for (o = a.child; o;) {
					if (o === n) return ct(a), e;
					if (o === i) return ct(a), t;
					o = o.sibling;
				}
				throw Error(r(188));
			}
			if (n.return !== i.return) n = a, i = o;
			else {
				for (var s = !1, c = a.child; c;) {
					if (c === n) {
						s = !0, n = a, i = o;
						break;
					}
					if (c === i) {
						s = !0, i = a, n = o;
						break;
					}
					c = c.sibling;
				}
				if (!s) {
					for (c = o.child; c;) {
						if (c === n) {
							s = !0, n = o, i = a;
							break;
						}
						if (c === i) {
							s = !0, i = o, n = a;
							break;
						}
						c = c.sibling;
					}
					if (!s) throw Error(r(189));
				}
			}
			if (n.alternate !== i) throw Error(r(190));
		}
		if (n.tag !== 3) throw Error(r(188));
		return n.stateNode.current === n ? e : t;
	}
	function ut(e) {
		return e = lt(e), e === null ? null : dt(e);
	}
	function dt(e) {
		if (e.tag === 5 || e.tag === 6) return e;
		for (e = e.child; e !== null;) {
			var t = dt(e);
			if (t !== null) return t;
			e = e.sibling;
		}
		return null;
	}
	var ft = n.unstable_scheduleCallback, pt = n.unstable_cancelCallback, mt = n.unstable_shouldYield, ht = n.unstable_requestPaint, gt = n.unstable_now, _t = n.unstable_getCurrentPriorityLevel, vt = n.unstable_ImmediatePriority, yt = n.unstable_UserBlockingPriority, bt = n.unstable_NormalPriority, xt = n.unstable_LowPriority, St = n.unstable_IdlePriority, Ct = null, wt = null;
	function Tt(e) {
		if (wt && typeof wt.onCommitFiberRoot == "function") try {
			wt.onCommitFiberRoot(Ct, e, void 0, (e.current.flags & 128) == 128);
		} catch {}
	}
	var Et = Math.clz32 ? Math.clz32 : kt, Dt = Math.log, Ot = Math.LN2;
	function kt(e) {
		return e >>>= 0, e === 0 ? 32 : 31 - (Dt(e) / Ot | 0) | 0;
	}
	var At = 64, jt = 4194304;
	function Mt(e) {
		switch (e & -e) {
			case 1: return 1;
			case 2: return 2;
			case 4: return 4;
			case 8: return 8;
			case 16: return 16;
			case 32: return 32;
			case 64:
			case 128:
			case 256:
			case 512:
			case 1024:
			case 2048:
			case 4096:
			case 8192:
			case 16384:
			case 32768:
			case 65536:
			case 131072:
			case 262144:
			case 524288:
			case 1048576:
			case 2097152: return e & 4194240;
			case 4194304:
			case 8388608:
			case 16777216:
			case 33554432:
			case 67108864: return e & 130023424;
			case 134217728: return 134217728;
			case 268435456: return 268435456;
			case 536870912: return 536870912;
			case 1073741824: return 1073741824;
			default: return e;
		}
	}
	function Nt(e, t) {
		var n = e.pendingLanes;
		if (n === 0) return 0;
		var r = 0, i = e.suspendedLanes, a = e.pingedLanes, o = n & 268435455;
		if (o !== 0) {
			var s = o & ~i;
			s === 0 ? (a &= o, a !== 0 && (r = Mt(a))) : r = Mt(s);
		} else o = n & ~i, o === 0 ? a !== 0 && (r = Mt(a)) : r = Mt(o);
		if (r === 0) return 0;
		if (t !== 0 && t !== r && (t & i) === 0 && (i = r & -r, a = t & -t, i >= a || i === 16 && a & 4194240)) return t;
		if (r & 4 && (r |= n & 16), t = e.entangledLanes, t !== 0) for (e = e.entanglements, t &= r; 0 < t;) n = 31 - Et(t), i = 1 << n, r |= e[n], t &= ~i;
		return r;
	}
	function Pt(e, t) {
		switch (e) {
			case 1:
			case 2:
			case 4: return t + 250;
			case 8:
			case 16:
			case 32:
			case 64:
			case 128:
			case 256:
			case 512:
			case 1024:
			case 2048:
			case 4096:
			case 8192:
			case 16384:
			case 32768:
			case 65536:
			case 131072:
			case 262144:
			case 524288:
			case 1048576:
			case 2097152: return t + 5e3;
			case 4194304:
			case 8388608:
			case 16777216:
			case 33554432:
			case 67108864: return -1;
			case 134217728:
			case 268435456:
			case 536870912:
			case 1073741824: return -1;
			default: return -1;
		}
	}
	function Ft(e, t) {
		for (var n = e.suspendedLanes, r = e.pingedLanes, i = e.expirationTimes, a = e.pendingLanes; 0 < a;) {
			var o = 31 - Et(a), s = 1 << o, c = i[o];
			c === -1 ? ((s & n) === 0 || (s & r) !== 0) && (i[o] = Pt(s, t)) : c <= t && (e.expiredLanes |= s), a &= ~s;
		}
	}
	function It(e) {
		return e = e.pendingLanes & -1073741825, e === 0 ? e & 1073741824 ? 1073741824 : 0 : e;
	}
	function Lt() {
		var e = At;
		return At <<= 1, !(At & 4194240) && (At = 64), e;
	}
	function Rt(e) {
		for (var t = [], n = 0; 31 > n; n++) t.push(e);
		return t;
	}
	function zt(e, t, n) {
		e.pendingLanes |= t, t !== 536870912 && (e.suspendedLanes = 0, e.pingedLanes = 0), e = e.eventTimes, t = 31 - Et(t), e[t] = n;
	}
	function Bt(e, t) {
		var n = e.pendingLanes & ~t;
		e.pendingLanes = t, e.suspendedLanes = 0, e.pingedLanes = 0, e.expiredLanes &= t, e.mutableReadLanes &= t, e.entangledLanes &= t, t = e.entanglements;
		var r = e.eventTimes;
		for (e = e.expirationTimes; 0 < n;) {
			var i = 31 - Et(n), a = 1 << i;
			t[i] = 0, r[i] = -1, e[i] = -1, n &= ~a;
		}
	}
	function Vt(e, t) {
		var n = e.entangledLanes |= t;
		for (e = e.entanglements; n;) {
			var r = 31 - Et(n), i = 1 << r;
			i & t | e[r] & t && (e[r] |= t), n &= ~i;
		}
	}
	var B = 0;
	function Ht(e) {
		return e &= -e, 1 < e ? 4 < e ? e & 268435455 ? 16 : 536870912 : 4 : 1;
	}
	var Ut, Wt, Gt, Kt, qt, Jt = !1, Yt = [], Xt = null, Zt = null, Qt = null, $t = /* @__PURE__ */ new Map(), en = /* @__PURE__ */ new Map(), tn = [], nn = "mousedown mouseup touchcancel touchend touchstart auxclick dblclick pointercancel pointerdown pointerup dragend dragstart drop compositionend compositionstart keydown keypress keyup input textInput copy cut paste click change contextmenu reset submit".split(" ");
	function rn(e, t) {
		switch (e) {
			case "focusin":
			case "focusout":
				Xt = null;
				break;
			case "dragenter":
			case "dragleave":
				Zt = null;
				break;
			case "mouseover":
			case "mouseout":
				Qt = null;
				break;
			case "pointerover":
			case "pointerout":
				$t.delete(t.pointerId);
				break;
			case "gotpointercapture":
			case "lostpointercapture": en.delete(t.pointerId);
		}
	}
	function an(e, t, n, r, i, a) {
		return e === null || e.nativeEvent !== a ? (e = {
			blockedOn: t,
			domEventName: n,
			eventSystemFlags: r,
			nativeEvent: a,
			targetContainers: [i]
		}, t !== null && (t = Vi(t), t !== null && Wt(t)), e) : (e.eventSystemFlags |= r, t = e.targetContainers, i !== null && t.indexOf(i) === -1 && t.push(i), e);
	}
	function on(e, t, n, r, i) {
		switch (t) {
			case "focusin": return Xt = an(Xt, e, t, n, r, i), !0;
			case "dragenter": return Zt = an(Zt, e, t, n, r, i), !0;
			case "mouseover": return Qt = an(Qt, e, t, n, r, i), !0;
			case "pointerover":
				var a = i.pointerId;
				return $t.set(a, an($t.get(a) || null, e, t, n, r, i)), !0;
			case "gotpointercapture": return a = i.pointerId, en.set(a, an(en.get(a) || null, e, t, n, r, i)), !0;
		}
		return !1;
	}
	function sn(e) {
		var t = Bi(e.target);
		if (t !== null) {
			var n = ot(t);
			if (n !== null) {
				if (t = n.tag, t === 13) {
					if (t = st(n), t !== null) {
						e.blockedOn = t, qt(e.priority, function() {
							Gt(n);
						});
						return;
					}
				} else if (t === 3 && n.stateNode.current.memoizedState.isDehydrated) {
					e.blockedOn = n.tag === 3 ? n.stateNode.containerInfo : null;
					return;
				}
			}
		}
		e.blockedOn = null;
	}
	function cn(e) {
		if (e.blockedOn !== null) return !1;
		for (var t = e.targetContainers; 0 < t.length;) {
			var n = yn(e.domEventName, e.eventSystemFlags, t[0], e.nativeEvent);
			if (n === null) {
				n = e.nativeEvent;
				var r = new n.constructor(n.type, n);
				Le = r, n.target.dispatchEvent(r), Le = null;
			} else return t = Vi(n), t !== null && Wt(t), e.blockedOn = n, !1;
			t.shift();
		}
		return !0;
	}
	function ln(e, t, n) {
		cn(e) && n.delete(t);
	}
	function un() {
		Jt = !1, Xt !== null && cn(Xt) && (Xt = null), Zt !== null && cn(Zt) && (Zt = null), Qt !== null && cn(Qt) && (Qt = null), $t.forEach(ln), en.forEach(ln);
	}
	function dn(e, t) {
		e.blockedOn === t && (e.blockedOn = null, Jt || (Jt = !0, n.unstable_scheduleCallback(n.unstable_NormalPriority, un)));
	}
	function fn(e) {
		function t(t) {
			return dn(t, e);
		}
		if (0 < Yt.length) {
			dn(Yt[0], e);
			for (var n = 1; n < Yt.length; n++) {
				var r = Yt[n];
				r.blockedOn === e && (r.blockedOn = null);
			}
		}
		for (Xt !== null && dn(Xt, e), Zt !== null && dn(Zt, e), Qt !== null && dn(Qt, e), $t.forEach(t), en.forEach(t), n = 0; n < tn.length; n++) r = tn[n], r.blockedOn === e && (r.blockedOn = null);
		for (; 0 < tn.length && (n = tn[0], n.blockedOn === null);) sn(n), n.blockedOn === null && tn.shift();
	}
	var pn = C.ReactCurrentBatchConfig, mn = !0;
	function hn(e, t, n, r) {
		var i = B, a = pn.transition;
		pn.transition = null;
		try {
			B = 1, _n(e, t, n, r);
		} finally {
			B = i, pn.transition = a;
		}
	}
	function gn(e, t, n, r) {
		var i = B, a = pn.transition;
		pn.transition = null;
		try {
			B = 4, _n(e, t, n, r);
		} finally {
			B = i, pn.transition = a;
		}
	}
	function _n(e, t, n, r) {
		if (mn) {
			var i = yn(e, t, n, r);
			if (i === null) fi(e, t, r, vn, n), rn(e, r);
			else if (on(i, e, t, n, r)) r.stopPropagation();
			else if (rn(e, r), t & 4 && -1 < nn.indexOf(e)) {
				for (; i !== null;) {
					var a = Vi(i);
					if (a !== null && Ut(a), a = yn(e, t, n, r), a === null && fi(e, t, r, vn, n), a === i) break;
					i = a;
				}
				i !== null && r.stopPropagation();
			} else fi(e, t, r, null, n);
		}
	}
	var vn = null;
	function yn(e, t, n, r) {
		if (vn = null, e = Re(r), e = Bi(e), e !== null) {
			if (t = ot(e), t === null) e = null;
			else if (n = t.tag, n === 13) {
				if (e = st(t), e !== null) return e;
				e = null;
			} else if (n === 3) {
				if (t.stateNode.current.memoizedState.isDehydrated) return t.tag === 3 ? t.stateNode.containerInfo : null;
				e = null;
			} else t !== e && (e = null);
		}
		return vn = e, null;
	}
	function bn(e) {
		switch (e) {
			case "cancel":
			case "click":
			case "close":
			case "contextmenu":
			case "copy":
			case "cut":
			case "auxclick":
			case "dblclick":
			case "dragend":
			case "dragstart":
			case "drop":
			case "focusin":
			case "focusout":
			case "input":
			case "invalid":
			case "keydown":
			case "keypress":
			case "keyup":
			case "mousedown":
			case "mouseup":
			case "paste":
			case "pause":
			case "play":
			case "pointercancel":
			case "pointerdown":
			case "pointerup":
			case "ratechange":
			case "reset":
			case "resize":
			case "seeked":
			case "submit":
			case "touchcancel":
			case "touchend":
			case "touchstart":
			case "volumechange":
			case "change":
			case "selectionchange":
			case "textInput":
			case "compositionstart":
			case "compositionend":
			case "compositionupdate":
			case "beforeblur":
			case "afterblur":
			case "beforeinput":
			case "blur":
			case "fullscreenchange":
			case "focus":
			case "hashchange":
			case "popstate":
			case "select":
			case "selectstart": return 1;
			case "drag":
			case "dragenter":
			case "dragexit":
			case "dragleave":
			case "dragover":
			case "mousemove":
			case "mouseout":
			case "mouseover":
			case "pointermove":
			case "pointerout":
			case "pointerover":
			case "scroll":
			case "toggle":
			case "touchmove":
			case "wheel":
			case "mouseenter":
			case "mouseleave":
			case "pointerenter":
			case "pointerleave": return 4;
			case "message": switch (_t()) {
				case vt: return 1;
				case yt: return 4;
				case bt:
				case xt: return 16;
				case St: return 536870912;
				default: return 16;
			}
			default: return 16;
		}
	}
	var xn = null, Sn = null, Cn = null;
	function wn() {
		if (Cn) return Cn;
		var e, t = Sn, n = t.length, r, i = "value" in xn ? xn.value : xn.textContent, a = i.length;
		for (e = 0; e < n && t[e] === i[e]; e++);
		var o = n - e;
		for (r = 1; r <= o && t[n - r] === i[a - r]; r++);
		return Cn = i.slice(e, 1 < r ? 1 - r : void 0);
	}
	function Tn(e) {
		var t = e.keyCode;
		return "charCode" in e ? (e = e.charCode, e === 0 && t === 13 && (e = 13)) : e = t, e === 10 && (e = 13), 32 <= e || e === 13 ? e : 0;
	}
	function En() {
		return !0;
	}
	function Dn() {
		return !1;
	}
	function On(e) {
		function t(t, n, r, i, a) {
			for (var o in this._reactName = t, this._targetInst = r, this.type = n, this.nativeEvent = i, this.target = a, this.currentTarget = null, e) e.hasOwnProperty(o) && (t = e[o], this[o] = t ? t(i) : i[o]);
			return this.isDefaultPrevented = (i.defaultPrevented == null ? !1 === i.returnValue : i.defaultPrevented) ? En : Dn, this.isPropagationStopped = Dn, this;
		}
		return I(t.prototype, {
			preventDefault: function() {
				this.defaultPrevented = !0;
				var e = this.nativeEvent;
				e && (e.preventDefault ? e.preventDefault() : typeof e.returnValue != "unknown" && (e.returnValue = !1), this.isDefaultPrevented = En);
			},
			stopPropagation: function() {
				var e = this.nativeEvent;
				e && (e.stopPropagation ? e.stopPropagation() : typeof e.cancelBubble != "unknown" && (e.cancelBubble = !0), this.isPropagationStopped = En);
			},
			persist: function() {},
			isPersistent: En
		}), t;
	}
	var kn = {
		eventPhase: 0,
		bubbles: 0,
		cancelable: 0,
		timeStamp: function(e) {
			return e.timeStamp || Date.now();
		},
		defaultPrevented: 0,
		isTrusted: 0
	}, An = On(kn), jn = I({}, kn, {
		view: 0,
		detail: 0
	}), Mn = On(jn), Nn, Pn, Fn, In = I({}, jn, {
		screenX: 0,
		screenY: 0,
		clientX: 0,
		clientY: 0,
		pageX: 0,
		pageY: 0,
		ctrlKey: 0,
		shiftKey: 0,
		altKey: 0,
		metaKey: 0,
		getModifierState: qn,
		button: 0,
		buttons: 0,
		relatedTarget: function(e) {
			return e.relatedTarget === void 0 ? e.fromElement === e.srcElement ? e.toElement : e.fromElement : e.relatedTarget;
		},
		movementX: function(e) {
			return "movementX" in e ? e.movementX : (e !== Fn && (Fn && e.type === "mousemove" ? (Nn = e.screenX - Fn.screenX, Pn = e.screenY - Fn.screenY) : Pn = Nn = 0, Fn = e), Nn);
		},
		movementY: function(e) {
			return "movementY" in e ? e.movementY : Pn;
		}
	}), Ln = On(In), Rn = On(I({}, In, { dataTransfer: 0 })), zn = On(I({}, jn, { relatedTarget: 0 })), Bn = On(I({}, kn, {
		animationName: 0,
		elapsedTime: 0,
		pseudoElement: 0
	})), Vn = On(I({}, kn, { clipboardData: function(e) {
		return "clipboardData" in e ? e.clipboardData : window.clipboardData;
	} })), Hn = On(I({}, kn, { data: 0 })), Un = {
		Esc: "Escape",
		Spacebar: " ",
		Left: "ArrowLeft",
		Up: "ArrowUp",
		Right: "ArrowRight",
		Down: "ArrowDown",
		Del: "Delete",
		Win: "OS",
		Menu: "ContextMenu",
		Apps: "ContextMenu",
		Scroll: "ScrollLock",
		MozPrintableKey: "Unidentified"
	}, Wn = {
		8: "Backspace",
		9: "Tab",
		12: "Clear",
		13: "Enter",
		16: "Shift",
		17: "Control",
		18: "Alt",
		19: "Pause",
		20: "CapsLock",
		27: "Escape",
		32: " ",
		33: "PageUp",
		34: "PageDown",
		35: "End",
		36: "Home",
		37: "ArrowLeft",
		38: "ArrowUp",
		39: "ArrowRight",
		40: "ArrowDown",
		45: "Insert",
		46: "Delete",
		112: "F1",
		113: "F2",
		114: "F3",
		115: "F4",
		116: "F5",
		117: "F6",
		118: "F7",
		119: "F8",
		120: "F9",
		121: "F10",
		122: "F11",
		123: "F12",
		144: "NumLock",
		145: "ScrollLock",
		224: "Meta"
	}, Gn = {
		Alt: "altKey",
		Control: "ctrlKey",
		Meta: "metaKey",
		Shift: "shiftKey"
	};
	function Kn(e) {
		var t = this.nativeEvent;
		return t.getModifierState ? t.getModifierState(e) : (e = Gn[e]) ? !!t[e] : !1;
	}
	function qn() {
		return Kn;
	}
	var Jn = On(I({}, jn, {
		key: function(e) {
			if (e.key) {
				var t = Un[e.key] || e.key;
				if (t !== "Unidentified") return t;
			}
			return e.type === "keypress" ? (e = Tn(e), e === 13 ? "Enter" : String.fromCharCode(e)) : e.type === "keydown" || e.type === "keyup" ? Wn[e.keyCode] || "Unidentified" : "";
		},
		code: 0,
		location: 0,
		ctrlKey: 0,
		shiftKey: 0,
		altKey: 0,
		metaKey: 0,
		repeat: 0,
		locale: 0,
		getModifierState: qn,
		charCode: function(e) {
			return e.type === "keypress" ? Tn(e) : 0;
		},
		keyCode: function(e) {
			return e.type === "keydown" || e.type === "keyup" ? e.keyCode : 0;
		},
		which: function(e) {
			return e.type === "keypress" ? Tn(e) : e.type === "keydown" || e.type === "keyup" ? e.keyCode : 0;
		}
	})), Yn = On(I({}, In, {
		pointerId: 0,
		width: 0,
		height: 0,
		pressure: 0,
		tangentialPressure: 0,
		tiltX: 0,
		tiltY: 0,
		twist: 0,
		pointerType: 0,
		isPrimary: 0
	})), Xn = On(I({}, jn, {
		touches: 0,
		targetTouches: 0,
		changedTouches: 0,
		altKey: 0,
		metaKey: 0,
		ctrlKey: 0,
		shiftKey: 0,
		getModifierState: qn
	})), Zn = On(I({}, kn, {
		propertyName: 0,
		elapsedTime: 0,
		pseudoElement: 0
	})), Qn = On(I({}, In, {
		deltaX: function(e) {
			return "deltaX" in e ? e.deltaX : "wheelDeltaX" in e ? -e.wheelDeltaX : 0;
		},
		deltaY: function(e) {
			return "deltaY" in e ? e.deltaY : "wheelDeltaY" in e ? -e.wheelDeltaY : "wheelDelta" in e ? -e.wheelDelta : 0;
		},
		deltaZ: 0,
		deltaMode: 0
	})), $n = [
		9,
		13,
		27,
		32
	], er = c && "CompositionEvent" in window, tr = null;
	c && "documentMode" in document && (tr = document.documentMode);
	var nr = c && "TextEvent" in window && !tr, rr = c && (!er || tr && 8 < tr && 11 >= tr), ir = " ", ar = !1;
	function or(e, t) {
		switch (e) {
			case "keyup": return $n.indexOf(t.keyCode) !== -1;
			case "keydown": return t.keyCode !== 229;
			case "keypress":
			case "mousedown":
			case "focusout": return !0;
			default: return !1;
		}
	}
	function sr(e) {
		return e = e.detail, typeof e == "object" && "data" in e ? e.data : null;
	}
	var cr = !1;
	function lr(e, t) {
		switch (e) {
			case "compositionend": return sr(t);
			case "keypress": return t.which === 32 ? (ar = !0, ir) : null;
			case "textInput": return e = t.data, e === ir && ar ? null : e;
			default: return null;
		}
	}
	function ur(e, t) {
		if (cr) return e === "compositionend" || !er && or(e, t) ? (e = wn(), Cn = Sn = xn = null, cr = !1, e) : null;
		switch (e) {
			case "paste": return null;
			case "keypress":
				if (!(t.ctrlKey || t.altKey || t.metaKey) || t.ctrlKey && t.altKey) {
					if (t.char && 1 < t.char.length) return t.char;
					if (t.which) return String.fromCharCode(t.which);
				}
				return null;
			case "compositionend": return rr && t.locale !== "ko" ? null : t.data;
			default: return null;
		}
	}
	var dr = {
		color: !0,
		date: !0,
		datetime: !0,
		"datetime-local": !0,
		email: !0,
		month: !0,
		number: !0,
		password: !0,
		range: !0,
		search: !0,
		tel: !0,
		text: !0,
		time: !0,
		url: !0,
		week: !0
	};
	function fr(e) {
		var t = e && e.nodeName && e.nodeName.toLowerCase();
		return t === "input" ? !!dr[e.type] : t === "textarea";
	}
	function pr(e, t, n, r) {
		Ue(r), t = mi(t, "onChange"), 0 < t.length && (n = new An("onChange", "change", null, n, r), e.push({
			event: n,
			listeners: t
		}));
	}
	var mr = null, hr = null;
	function gr(e) {
		si(e, 0);
	}
	function _r(e) {
		if (de(Hi(e))) return e;
	}
	function vr(e, t) {
		if (e === "change") return t;
	}
	var yr = !1;
	if (c) {
		var br;
		if (c) {
			var xr = "oninput" in document;
			if (!xr) {
				var Sr = document.createElement("div");
				Sr.setAttribute("oninput", "return;"), xr = typeof Sr.oninput == "function";
			}
			br = xr;
		} else br = !1;
		yr = br && (!document.documentMode || 9 < document.documentMode);
	}
	function Cr() {
		mr && (mr.detachEvent("onpropertychange", wr), hr = mr = null);
	}
	function wr(e) {
		if (e.propertyName === "value" && _r(hr)) {
			var t = [];
			pr(t, hr, e, Re(e)), Je(gr, t);
		}
	}
	function Tr(e, t, n) {
		e === "focusin" ? (Cr(), mr = t, hr = n, mr.attachEvent("onpropertychange", wr)) : e === "focusout" && Cr();
	}
	function Er(e) {
		if (e === "selectionchange" || e === "keyup" || e === "keydown") return _r(hr);
	}
	function Dr(e, t) {
		if (e === "click") return _r(t);
	}
	function Or(e, t) {
		if (e === "input" || e === "change") return _r(t);
	}
	function kr(e, t) {
		return e === t && (e !== 0 || 1 / e == 1 / t) || e !== e && t !== t;
	}
	var Ar = typeof Object.is == "function" ? Object.is : kr;
	function jr(e, t) {
		if (Ar(e, t)) return !0;
		if (typeof e != "object" || !e || typeof t != "object" || !t) return !1;
		var n = Object.keys(e), r = Object.keys(t);
		if (n.length !== r.length) return !1;
		for (r = 0; r < n.length; r++) {
			var i = n[r];
			if (!l.call(t, i) || !Ar(e[i], t[i])) return !1;
		}
		return !0;
	}
	function Mr(e) {
		for (; e && e.firstChild;) e = e.firstChild;
		return e;
	}
	function Nr(e, t) {
		var n = Mr(e);
		e = 0;
		for (var r; n;) {
			if (n.nodeType === 3) {
				if (r = e + n.textContent.length, e <= t && r >= t) return {
					node: n,
					offset: t - e
				};
				e = r;
			}
			a: {
				for (; n;) {
					if (n.nextSibling) {
						n = n.nextSibling;
						break a;
					}
					n = n.parentNode;
				}
				n = void 0;
			}
			n = Mr(n);
		}
	}
	function Pr(e, t) {
		return e && t ? e === t ? !0 : e && e.nodeType === 3 ? !1 : t && t.nodeType === 3 ? Pr(e, t.parentNode) : "contains" in e ? e.contains(t) : e.compareDocumentPosition ? !!(e.compareDocumentPosition(t) & 16) : !1 : !1;
	}
	function Fr() {
		for (var e = window, t = fe(); t instanceof e.HTMLIFrameElement;) {
			try {
				var n = typeof t.contentWindow.location.href == "string";
			} catch {
				n = !1;
			}
			if (n) e = t.contentWindow;
			else break;
			t = fe(e.document);
		}
		return t;
	}
	function Ir(e) {
		var t = e && e.nodeName && e.nodeName.toLowerCase();
		return t && (t === "input" && (e.type === "text" || e.type === "search" || e.type === "tel" || e.type === "url" || e.type === "password") || t === "textarea" || e.contentEditable === "true");
	}
	function Lr(e) {
		var t = Fr(), n = e.focusedElem, r = e.selectionRange;
		if (t !== n && n && n.ownerDocument && Pr(n.ownerDocument.documentElement, n)) {
			if (r !== null && Ir(n)) {
				if (t = r.start, e = r.end, e === void 0 && (e = t), "selectionStart" in n) n.selectionStart = t, n.selectionEnd = Math.min(e, n.value.length);
				else if (e = (t = n.ownerDocument || document) && t.defaultView || window, e.getSelection) {
					e = e.getSelection();
					var i = n.textContent.length, a = Math.min(r.start, i);
					r = r.end === void 0 ? a : Math.min(r.end, i), !e.extend && a > r && (i = r, r = a, a = i), i = Nr(n, a);
					var o = Nr(n, r);
					i && o && (e.rangeCount !== 1 || e.anchorNode !== i.node || e.anchorOffset !== i.offset || e.focusNode !== o.node || e.focusOffset !== o.offset) && (t = t.createRange(), t.setStart(i.node, i.offset), e.removeAllRanges(), a > r ? (e.addRange(t), e.extend(o.node, o.offset)) : (t.setEnd(o.node, o.offset), e.addRange(t)));
				}
			}
			for (t = [], e = n; e = e.parentNode;) e.nodeType === 1 && t.push({
				element: e,
				left: e.scrollLeft,
				top: e.scrollTop
			});
			for (typeof n.focus == "function" && n.focus(), n = 0; n < t.length; n++) e = t[n], e.element.scrollLeft = e.left, e.element.scrollTop = e.top;
		}
	}
	var Rr = c && "documentMode" in document && 11 >= document.documentMode, zr = null, Br = null, Vr = null, Hr = !1;
	function Ur(e, t, n) {
		var r = n.window === n ? n.document : n.nodeType === 9 ? n : n.ownerDocument;
		Hr || zr == null || zr !== fe(r) || (r = zr, "selectionStart" in r && Ir(r) ? r = {
			start: r.selectionStart,
			end: r.selectionEnd
		} : (r = (r.ownerDocument && r.ownerDocument.defaultView || window).getSelection(), r = {
			anchorNode: r.anchorNode,
			anchorOffset: r.anchorOffset,
			focusNode: r.focusNode,
			focusOffset: r.focusOffset
		}), Vr && jr(Vr, r) || (Vr = r, r = mi(Br, "onSelect"), 0 < r.length && (t = new An("onSelect", "select", null, t, n), e.push({
			event: t,
			listeners: r
		}), t.target = zr)));
	}
	function Wr(e, t) {
		var n = {};
		return n[e.toLowerCase()] = t.toLowerCase(), n["Webkit" + e] = "webkit" + t, n["Moz" + e] = "moz" + t, n;
	}
	var Gr = {
		animationend: Wr("Animation", "AnimationEnd"),
		animationiteration: Wr("Animation", "AnimationIteration"),
		animationstart: Wr("Animation", "AnimationStart"),
		transitionend: Wr("Transition", "TransitionEnd")
	}, Kr = {}, qr = {};
	c && (qr = document.createElement("div").style, "AnimationEvent" in window || (delete Gr.animationend.animation, delete Gr.animationiteration.animation, delete Gr.animationstart.animation), "TransitionEvent" in window || delete Gr.transitionend.transition);
	function Jr(e) {
		if (Kr[e]) return Kr[e];
		if (!Gr[e]) return e;
		var t = Gr[e], n;
		for (n in t) if (t.hasOwnProperty(n) && n in qr) return Kr[e] = t[n];
		return e;
	}
	var Yr = Jr("animationend"), Xr = Jr("animationiteration"), Zr = Jr("animationstart"), Qr = Jr("transitionend"), $r = /* @__PURE__ */ new Map(), ei = "abort auxClick cancel canPlay canPlayThrough click close contextMenu copy cut drag dragEnd dragEnter dragExit dragLeave dragOver dragStart drop durationChange emptied encrypted ended error gotPointerCapture input invalid keyDown keyPress keyUp load loadedData loadedMetadata loadStart lostPointerCapture mouseDown mouseMove mouseOut mouseOver mouseUp paste pause play playing pointerCancel pointerDown pointerMove pointerOut pointerOver pointerUp progress rateChange reset resize seeked seeking stalled submit suspend timeUpdate touchCancel touchEnd touchStart volumeChange scroll toggle touchMove waiting wheel".split(" ");
	function ti(e, t) {
		$r.set(e, t), o(t, [e]);
	}
	for (var ni = 0; ni < ei.length; ni++) {
		var ri = ei[ni];
		ti(ri.toLowerCase(), "on" + (ri[0].toUpperCase() + ri.slice(1)));
	}
	ti(Yr, "onAnimationEnd"), ti(Xr, "onAnimationIteration"), ti(Zr, "onAnimationStart"), ti("dblclick", "onDoubleClick"), ti("focusin", "onFocus"), ti("focusout", "onBlur"), ti(Qr, "onTransitionEnd"), s("onMouseEnter", ["mouseout", "mouseover"]), s("onMouseLeave", ["mouseout", "mouseover"]), s("onPointerEnter", ["pointerout", "pointerover"]), s("onPointerLeave", ["pointerout", "pointerover"]), o("onChange", "change click focusin focusout input keydown keyup selectionchange".split(" ")), o("onSelect", "focusout contextmenu dragend focusin keydown keyup mousedown mouseup selectionchange".split(" ")), o("onBeforeInput", [
		"compositionend",
		"keypress",
		"textInput",
		"paste"
	]), o("onCompositionEnd", "compositionend focusout keydown keypress keyup mousedown".split(" ")), o("onCompositionStart", "compositionstart focusout keydown keypress keyup mousedown".split(" ")), o("onCompositionUpdate", "compositionupdate focusout keydown keypress keyup mousedown".split(" "));
	var ii = "abort canplay canplaythrough durationchange emptied encrypted ended error loadeddata loadedmetadata loadstart pause play playing progress ratechange resize seeked seeking stalled suspend timeupdate volumechange waiting".split(" "), ai = new Set("cancel close invalid load scroll toggle".split(" ").concat(ii));
	function oi(e, t, n) {
		var r = e.type || "unknown-event";
		e.currentTarget = n, at(r, t, void 0, e), e.currentTarget = null;
	}
	function si(e, t) {
		t = !!(t & 4);
		for (var n = 0; n < e.length; n++) {
			var r = e[n], i = r.event;
			r = r.listeners;
			a: {
				var a = void 0;
				if (t) for (var o = r.length - 1; 0 <= o; o--) {
					var s = r[o], c = s.instance, l = s.currentTarget;
					if (s = s.listener, c !== a && i.isPropagationStopped()) break a;
					oi(i, s, l), a = c;
				}
				else for (o = 0; o < r.length; o++) {
					if (s = r[o], c = s.instance, l = s.currentTarget, s = s.listener, c !== a && i.isPropagationStopped()) break a;
					oi(i, s, l), a = c;
				}
			}
		}
		if (tt) throw e = nt, tt = !1, nt = null, e;
	}
	function V(e, t) {
		var n = t[Li];
		n === void 0 && (n = t[Li] = /* @__PURE__ */ new Set());
		var r = e + "__bubble";
		n.has(r) || (di(t, e, 2, !1), n.add(r));
	}
	function ci(e, t, n) {
		var r = 0;
		t && (r |= 4), di(n, e, r, t);
	}
	var li = "_reactListening" + Math.random().toString(36).slice(2);
	function ui(e) {
		if (!e[li]) {
			e[li] = !0, i.forEach(function(t) {
				t !== "selectionchange" && (ai.has(t) || ci(t, !1, e), ci(t, !0, e));
			});
			var t = e.nodeType === 9 ? e : e.ownerDocument;
			t === null || t[li] || (t[li] = !0, ci("selectionchange", !1, t));
		}
	}
	function di(e, t, n, r) {
		switch (bn(t)) {
			case 1:
				var i = hn;
				break;
			case 4:
				i = gn;
				break;
			default: i = _n;
		}
		n = i.bind(null, t, n, e), i = void 0, !Xe || t !== "touchstart" && t !== "touchmove" && t !== "wheel" || (i = !0), r ? i === void 0 ? e.addEventListener(t, n, !0) : e.addEventListener(t, n, {
			capture: !0,
			passive: i
		}) : i === void 0 ? e.addEventListener(t, n, !1) : e.addEventListener(t, n, { passive: i });
	}
	function fi(e, t, n, r, i) {
		var a = r;
		if (!(t & 1) && !(t & 2) && r !== null) a: for (;;) {
			if (r === null) return;
			var o = r.tag;
			if (o === 3 || o === 4) {
				var s = r.stateNode.containerInfo;
				if (s === i || s.nodeType === 8 && s.parentNode === i) break;
				if (o === 4) for (o = r.return; o !== null;) {
					var c = o.tag;
					if ((c === 3 || c === 4) && (c = o.stateNode.containerInfo, c === i || c.nodeType === 8 && c.parentNode === i)) return;
					o = o.return;
				}
				for (; s !== null;) {
					if (o = Bi(s), o === null) return;
					if (c = o.tag, c === 5 || c === 6) {
						r = a = o;
						continue a;
					}
					s = s.parentNode;
				}
			}
			r = r.return;
		}
		Je(function() {
			var r = a, i = Re(n), o = [];
			a: {
				var s = $r.get(e);
				if (s !== void 0) {
					var c = An, l = e;
					switch (e) {
						case "keypress": if (Tn(n) === 0) break a;
						case "keydown":
						case "keyup":
							c = Jn;
							break;
						case "focusin":
							l = "focus", c = zn;
							break;
						case "focusout":
							l = "blur", c = zn;
							break;
						case "beforeblur":
						case "afterblur":
							c = zn;
							break;
						case "click": if (n.button === 2) break a;
						case "auxclick":
						case "dblclick":
						case "mousedown":
						case "mousemove":
						case "mouseup":
						case "mouseout":
						case "mouseover":
						case "contextmenu":
							c = Ln;
							break;
						case "drag":
						case "dragend":
						case "dragenter":
						case "dragexit":
						case "dragleave":
						case "dragover":
						case "dragstart":
						case "drop":
							c = Rn;
							break;
						case "touchcancel":
						case "touchend":
						case "touchmove":
						case "touchstart":
							c = Xn;
							break;
						case Yr:
						case Xr:
						case Zr:
							c = Bn;
							break;
						case Qr:
							c = Zn;
							break;
						case "scroll":
							c = Mn;
							break;
						case "wheel":
							c = Qn;
							break;
						case "copy":
						case "cut":
						case "paste":
							c = Vn;
							break;
						case "gotpointercapture":
						case "lostpointercapture":
						case "pointercancel":
						case "pointerdown":
						case "pointermove":
						case "pointerout":
						case "pointerover":
						case "pointerup": c = Yn;
					}
					var u = !!(t & 4), d = !u && e === "scroll", f = u ? s === null ? null : s + "Capture" : s;
					u = [];
					for (var p = r, m; p !== null;) {
						m = p;
						var h = m.stateNode;
						if (m.tag === 5 && h !== null && (m = h, f !== null && (h = Ye(p, f), h != null && u.push(pi(p, h, m)))), d) break;
						p = p.return;
					}
					0 < u.length && (s = new c(s, l, null, n, i), o.push({
						event: s,
						listeners: u
					}));
				}
			}
			if (!(t & 7)) {
				a: {
					if (s = e === "mouseover" || e === "pointerover", c = e === "mouseout" || e === "pointerout", s && n !== Le && (l = n.relatedTarget || n.fromElement) && (Bi(l) || l[Ii])) break a;
					if ((c || s) && (s = i.window === i ? i : (s = i.ownerDocument) ? s.defaultView || s.parentWindow : window, c ? (l = n.relatedTarget || n.toElement, c = r, l = l ? Bi(l) : null, l !== null && (d = ot(l), l !== d || l.tag !== 5 && l.tag !== 6) && (l = null)) : (c = null, l = r), c !== l)) {
						if (u = Ln, h = "onMouseLeave", f = "onMouseEnter", p = "mouse", (e === "pointerout" || e === "pointerover") && (u = Yn, h = "onPointerLeave", f = "onPointerEnter", p = "pointer"), d = c == null ? s : Hi(c), m = l == null ? s : Hi(l), s = new u(h, p + "leave", c, n, i), s.target = d, s.relatedTarget = m, h = null, Bi(i) === r && (u = new u(f, p + "enter", l, n, i), u.target = m, u.relatedTarget = d, h = u), d = h, c && l) b: {
							for (u = c, f = l, p = 0, m = u; m; m = hi(m)) p++;
							for (m = 0, h = f; h; h = hi(h)) m++;
							for (; 0 < p - m;) u = hi(u), p--;
							for (; 0 < m - p;) f = hi(f), m--;
							for (; p--;) {
								if (u === f || f !== null && u === f.alternate) break b;
								u = hi(u), f = hi(f);
							}
							u = null;
						}
						else u = null;
						c !== null && gi(o, s, c, u, !1), l !== null && d !== null && gi(o, d, l, u, !0);
					}
				}
				a: {
					if (s = r ? Hi(r) : window, c = s.nodeName && s.nodeName.toLowerCase(), c === "select" || c === "input" && s.type === "file") var g = vr;
					else if (fr(s)) {
						if (yr) g = Or;
						else {
							g = Er;
							var _ = Tr;
						}
					} else (c = s.nodeName) && c.toLowerCase() === "input" && (s.type === "checkbox" || s.type === "radio") && (g = Dr);
					if (g &&= g(e, r)) {
						pr(o, g, n, i);
						break a;
					}
					_ && _(e, s, r), e === "focusout" && (_ = s._wrapperState) && _.controlled && s.type === "number" && ve(s, "number", s.value);
				}
				switch (_ = r ? Hi(r) : window, e) {
					case "focusin":
						(fr(_) || _.contentEditable === "true") && (zr = _, Br = r, Vr = null);
						break;
					case "focusout":
						Vr = Br = zr = null;
						break;
					case "mousedown":
						Hr = !0;
						break;
					case "contextmenu":
					case "mouseup":
					case "dragend":
						Hr = !1, Ur(o, n, i);
						break;
					case "selectionchange": if (Rr) break;
					case "keydown":
					case "keyup": Ur(o, n, i);
				}
				var v;
				if (er) b: {
					switch (e) {
						case "compositionstart":
							var y = "onCompositionStart";
							break b;
						case "compositionend":
							y = "onCompositionEnd";
							break b;
						case "compositionupdate":
							y = "onCompositionUpdate";
							break b;
					}
					y = void 0;
				}
				else cr ? or(e, n) && (y = "onCompositionEnd") : e === "keydown" && n.keyCode === 229 && (y = "onCompositionStart");
				y && (rr && n.locale !== "ko" && (cr || y !== "onCompositionStart" ? y === "onCompositionEnd" && cr && (v = wn()) : (xn = i, Sn = "value" in xn ? xn.value : xn.textContent, cr = !0)), _ = mi(r, y), 0 < _.length && (y = new Hn(y, e, null, n, i), o.push({
					event: y,
					listeners: _
				}), v ? y.data = v : (v = sr(n), v !== null && (y.data = v)))), (v = nr ? lr(e, n) : ur(e, n)) && (r = mi(r, "onBeforeInput"), 0 < r.length && (i = new Hn("onBeforeInput", "beforeinput", null, n, i), o.push({
					event: i,
					listeners: r
				}), i.data = v));
			}
			si(o, t);
		});
	}
	function pi(e, t, n) {
		return {
			instance: e,
			listener: t,
			currentTarget: n
		};
	}
	function mi(e, t) {
		for (var n = t + "Capture", r = []; e !== null;) {
			var i = e, a = i.stateNode;
			i.tag === 5 && a !== null && (i = a, a = Ye(e, n), a != null && r.unshift(pi(e, a, i)), a = Ye(e, t), a != null && r.push(pi(e, a, i))), e = e.return;
		}
		return r;
	}
	function hi(e) {
		if (e === null) return null;
		do
			e = e.return;
		while (e && e.tag !== 5);
		return e || null;
	}
	function gi(e, t, n, r, i) {
		for (var a = t._reactName, o = []; n !== null && n !== r;) {
			var s = n, c = s.alternate, l = s.stateNode;
			if (c !== null && c === r) break;
			s.tag === 5 && l !== null && (s = l, i ? (c = Ye(n, a), c != null && o.unshift(pi(n, c, s))) : i || (c = Ye(n, a), c != null && o.push(pi(n, c, s)))), n = n.return;
		}
		o.length !== 0 && e.push({
			event: t,
			listeners: o
		});
	}
	var _i = /\r\n?/g, vi = /\u0000|\uFFFD/g;
	function yi(e) {
		return (typeof e == "string" ? e : "" + e).replace(_i, "\n").replace(vi, "");
	}
	function bi(e, t, n) {
		if (t = yi(t), yi(e) !== t && n) throw Error(r(425));
	}
	function xi() {}
	var Si = null, Ci = null;
	function wi(e, t) {
		return e === "textarea" || e === "noscript" || typeof t.children == "string" || typeof t.children == "number" || typeof t.dangerouslySetInnerHTML == "object" && t.dangerouslySetInnerHTML !== null && t.dangerouslySetInnerHTML.__html != null;
	}
	var Ti = typeof setTimeout == "function" ? setTimeout : void 0, Ei = typeof clearTimeout == "function" ? clearTimeout : void 0, Di = typeof Promise == "function" ? Promise : void 0, Oi = typeof queueMicrotask == "function" ? queueMicrotask : Di === void 0 ? Ti : function(e) {
		return Di.resolve(null).then(e).catch(ki);
	};
	function ki(e) {
		setTimeout(function() {
			throw e;
		});
	}
	function Ai(e, t) {
		var n = t, r = 0;
		do {
			var i = n.nextSibling;
			if (e.removeChild(n), i && i.nodeType === 8) {
				if (n = i.data, n === "/$") {
					if (r === 0) {
						e.removeChild(i), fn(t);
						return;
					}
					r--;
				} else n !== "$" && n !== "$?" && n !== "$!" || r++;
			}
			n = i;
		} while (n);
		fn(t);
	}
	function ji(e) {
		for (; e != null; e = e.nextSibling) {
			var t = e.nodeType;
			if (t === 1 || t === 3) break;
			if (t === 8) {
				if (t = e.data, t === "$" || t === "$!" || t === "$?") break;
				if (t === "/$") return null;
			}
		}
		return e;
	}
	function Mi(e) {
		e = e.previousSibling;
		for (var t = 0; e;) {
			if (e.nodeType === 8) {
				var n = e.data;
				if (n === "$" || n === "$!" || n === "$?") {
					if (t === 0) return e;
					t--;
				} else n === "/$" && t++;
			}
			e = e.previousSibling;
		}
		return null;
	}
	var Ni = Math.random().toString(36).slice(2), Pi = "__reactFiber$" + Ni, Fi = "__reactProps$" + Ni, Ii = "__reactContainer$" + Ni, Li = "__reactEvents$" + Ni, Ri = "__reactListeners$" + Ni, zi = "__reactHandles$" + Ni;
	function Bi(e) {
		var t = e[Pi];
		if (t) return t;
		for (var n = e.parentNode; n;) {
			if (t = n[Ii] || n[Pi]) {
				if (n = t.alternate, t.child !== null || n !== null && n.child !== null) for (e = Mi(e); e !== null;) {
					if (n = e[Pi]) return n;
					e = Mi(e);
				}
				return t;
			}
			e = n, n = e.parentNode;
		}
		return null;
	}
	function Vi(e) {
		return e = e[Pi] || e[Ii], !e || e.tag !== 5 && e.tag !== 6 && e.tag !== 13 && e.tag !== 3 ? null : e;
	}
	function Hi(e) {
		if (e.tag === 5 || e.tag === 6) return e.stateNode;
		throw Error(r(33));
	}
	function Ui(e) {
		return e[Fi] || null;
	}
	var Wi = [], Gi = -1;
	function Ki(e) {
		return { current: e };
	}
	function H(e) {
		0 > Gi || (e.current = Wi[Gi], Wi[Gi] = null, Gi--);
	}
	function U(e, t) {
		Gi++, Wi[Gi] = e.current, e.current = t;
	}
	var qi = {}, Ji = Ki(qi), Yi = Ki(!1), Xi = qi;
	function Zi(e, t) {
		var n = e.type.contextTypes;
		if (!n) return qi;
		var r = e.stateNode;
		if (r && r.__reactInternalMemoizedUnmaskedChildContext === t) return r.__reactInternalMemoizedMaskedChildContext;
		var i = {}, a;
		for (a in n) i[a] = t[a];
		return r && (e = e.stateNode, e.__reactInternalMemoizedUnmaskedChildContext = t, e.__reactInternalMemoizedMaskedChildContext = i), i;
	}
	function Qi(e) {
		return e = e.childContextTypes, e != null;
	}
	function $i() {
		H(Yi), H(Ji);
	}
	function ea(e, t, n) {
		if (Ji.current !== qi) throw Error(r(168));
		U(Ji, t), U(Yi, n);
	}
	function ta(e, t, n) {
		var i = e.stateNode;
		if (t = t.childContextTypes, typeof i.getChildContext != "function") return n;
		for (var a in i = i.getChildContext(), i) if (!(a in t)) throw Error(r(108, oe(e) || "Unknown", a));
		return I({}, n, i);
	}
	function na(e) {
		return e = (e = e.stateNode) && e.__reactInternalMemoizedMergedChildContext || qi, Xi = Ji.current, U(Ji, e), U(Yi, Yi.current), !0;
	}
	function ra(e, t, n) {
		var i = e.stateNode;
		if (!i) throw Error(r(169));
		n ? (e = ta(e, t, Xi), i.__reactInternalMemoizedMergedChildContext = e, H(Yi), H(Ji), U(Ji, e)) : H(Yi), U(Yi, n);
	}
	var ia = null, aa = !1, oa = !1;
	function sa(e) {
		ia === null ? ia = [e] : ia.push(e);
	}
	function ca(e) {
		aa = !0, sa(e);
	}
	function la() {
		if (!oa && ia !== null) {
			oa = !0;
			var e = 0, t = B;
			try {
				var n = ia;
				for (B = 1; e < n.length; e++) {
					var r = n[e];
					do
						r = r(!0);
					while (r !== null);
				}
				ia = null, aa = !1;
			} catch (t) {
				throw ia !== null && (ia = ia.slice(e + 1)), ft(vt, la), t;
			} finally {
				B = t, oa = !1;
			}
		}
		return null;
	}
	var ua = [], da = 0, fa = null, pa = 0, ma = [], ha = 0, ga = null, _a = 1, va = "";
	function ya(e, t) {
		ua[da++] = pa, ua[da++] = fa, fa = e, pa = t;
	}
	function ba(e, t, n) {
		ma[ha++] = _a, ma[ha++] = va, ma[ha++] = ga, ga = e;
		var r = _a;
		e = va;
		var i = 32 - Et(r) - 1;
		r &= ~(1 << i), n += 1;
		var a = 32 - Et(t) + i;
		if (30 < a) {
			var o = i - i % 5;
			a = (r & (1 << o) - 1).toString(32), r >>= o, i -= o, _a = 1 << 32 - Et(t) + i | n << i | r, va = a + e;
		} else _a = 1 << a | n << i | r, va = e;
	}
	function xa(e) {
		e.return !== null && (ya(e, 1), ba(e, 1, 0));
	}
	function Sa(e) {
		for (; e === fa;) fa = ua[--da], ua[da] = null, pa = ua[--da], ua[da] = null;
		for (; e === ga;) ga = ma[--ha], ma[ha] = null, va = ma[--ha], ma[ha] = null, _a = ma[--ha], ma[ha] = null;
	}
	var Ca = null, wa = null, W = !1, Ta = null;
	function Ea(e, t) {
		var n = Kl(5, null, null, 0);
		n.elementType = "DELETED", n.stateNode = t, n.return = e, t = e.deletions, t === null ? (e.deletions = [n], e.flags |= 16) : t.push(n);
	}
	function Da(e, t) {
		switch (e.tag) {
			case 5:
				var n = e.type;
				return t = t.nodeType !== 1 || n.toLowerCase() !== t.nodeName.toLowerCase() ? null : t, t !== null && (e.stateNode = t, Ca = e, wa = ji(t.firstChild), !0);
			case 6: return t = e.pendingProps === "" || t.nodeType !== 3 ? null : t, t !== null && (e.stateNode = t, Ca = e, wa = null, !0);
			case 13: return t = t.nodeType === 8 ? t : null, t !== null && (n = ga === null ? null : {
				id: _a,
				overflow: va
			}, e.memoizedState = {
				dehydrated: t,
				treeContext: n,
				retryLane: 1073741824
			}, n = Kl(18, null, null, 0), n.stateNode = t, n.return = e, e.child = n, Ca = e, wa = null, !0);
			default: return !1;
		}
	}
	function Oa(e) {
		return !!(e.mode & 1) && !(e.flags & 128);
	}
	function ka(e) {
		if (W) {
			var t = wa;
			if (t) {
				var n = t;
				if (!Da(e, t)) {
					if (Oa(e)) throw Error(r(418));
					t = ji(n.nextSibling);
					var i = Ca;
					t && Da(e, t) ? Ea(i, n) : (e.flags = e.flags & -4097 | 2, W = !1, Ca = e);
				}
			} else {
				if (Oa(e)) throw Error(r(418));
				e.flags = e.flags & -4097 | 2, W = !1, Ca = e;
			}
		}
	}
	function Aa(e) {
		for (e = e.return; e !== null && e.tag !== 5 && e.tag !== 3 && e.tag !== 13;) e = e.return;
		Ca = e;
	}
	function ja(e) {
		if (e !== Ca) return !1;
		if (!W) return Aa(e), W = !0, !1;
		var t;
		if ((t = e.tag !== 3) && !(t = e.tag !== 5) && (t = e.type, t = t !== "head" && t !== "body" && !wi(e.type, e.memoizedProps)), t &&= wa) {
			if (Oa(e)) throw Ma(), Error(r(418));
			for (; t;) Ea(e, t), t = ji(t.nextSibling);
		}
		if (Aa(e), e.tag === 13) {
			if (e = e.memoizedState, e = e === null ? null : e.dehydrated, !e) throw Error(r(317));
			a: {
				for (e = e.nextSibling, t = 0; e;) {
					if (e.nodeType === 8) {
						var n = e.data;
						if (n === "/$") {
							if (t === 0) {
								wa = ji(e.nextSibling);
								break a;
							}
							t--;
						} else n !== "$" && n !== "$!" && n !== "$?" || t++;
					}
					e = e.nextSibling;
				}
				wa = null;
			}
		} else wa = Ca ? ji(e.stateNode.nextSibling) : null;
		return !0;
	}
	function Ma() {
		for (var e = wa; e;) e = ji(e.nextSibling);
	}
	function Na() {
		wa = Ca = null, W = !1;
	}
	function Pa(e) {
		Ta === null ? Ta = [e] : Ta.push(e);
	}
	var Fa = C.ReactCurrentBatchConfig;
	function Ia(e, t, n) {
		if (e = n.ref, e !== null && typeof e != "function" && typeof e != "object") {
			if (n._owner) {
				if (n = n._owner, n) {
					if (n.tag !== 1) throw Error(r(309));
					var i = n.stateNode;
				}
				if (!i) throw Error(r(147, e));
				var a = i, o = "" + e;
				return t !== null && t.ref !== null && typeof t.ref == "function" && t.ref._stringRef === o ? t.ref : (t = function(e) {
					var t = a.refs;
					e === null ? delete t[o] : t[o] = e;
				}, t._stringRef = o, t);
			}
			if (typeof e != "string") throw Error(r(284));
			if (!n._owner) throw Error(r(290, e));
		}
		return e;
	}
	function La(e, t) {
		throw e = Object.prototype.toString.call(t), Error(r(31, e === "[object Object]" ? "object with keys {" + Object.keys(t).join(", ") + "}" : e));
	}
	function Ra(e) {
		var t = e._init;
		return t(e._payload);
	}
	function za(e) {
		function t(t, n) {
			if (e) {
				var r = t.deletions;
				r === null ? (t.deletions = [n], t.flags |= 16) : r.push(n);
			}
		}
		function n(n, r) {
			if (!e) return null;
			for (; r !== null;) t(n, r), r = r.sibling;
			return null;
		}
		function i(e, t) {
			for (e = /* @__PURE__ */ new Map(); t !== null;) t.key === null ? e.set(t.index, t) : e.set(t.key, t), t = t.sibling;
			return e;
		}
		function a(e, t) {
			return e = Yl(e, t), e.index = 0, e.sibling = null, e;
		}
		function o(t, n, r) {
			return t.index = r, e ? (r = t.alternate, r === null ? (t.flags |= 2, n) : (r = r.index, r < n ? (t.flags |= 2, n) : r)) : (t.flags |= 1048576, n);
		}
		function s(t) {
			return e && t.alternate === null && (t.flags |= 2), t;
		}
		function c(e, t, n, r) {
			return t === null || t.tag !== 6 ? (t = $l(n, e.mode, r), t.return = e, t) : (t = a(t, n), t.return = e, t);
		}
		function l(e, t, n, r) {
			var i = n.type;
			return i === E ? d(e, t, n.props.children, r, n.key) : t !== null && (t.elementType === i || typeof i == "object" && i && i.$$typeof === F && Ra(i) === t.type) ? (r = a(t, n.props), r.ref = Ia(e, t, n), r.return = e, r) : (r = Xl(n.type, n.key, n.props, null, e.mode, r), r.ref = Ia(e, t, n), r.return = e, r);
		}
		function u(e, t, n, r) {
			return t === null || t.tag !== 4 || t.stateNode.containerInfo !== n.containerInfo || t.stateNode.implementation !== n.implementation ? (t = eu(n, e.mode, r), t.return = e, t) : (t = a(t, n.children || []), t.return = e, t);
		}
		function d(e, t, n, r, i) {
			return t === null || t.tag !== 7 ? (t = Zl(n, e.mode, r, i), t.return = e, t) : (t = a(t, n), t.return = e, t);
		}
		function f(e, t, n) {
			if (typeof t == "string" && t !== "" || typeof t == "number") return t = $l("" + t, e.mode, n), t.return = e, t;
			if (typeof t == "object" && t) {
				switch (t.$$typeof) {
					case w: return n = Xl(t.type, t.key, t.props, null, e.mode, n), n.ref = Ia(e, null, t), n.return = e, n;
					case T: return t = eu(t, e.mode, n), t.return = e, t;
					case F:
						var r = t._init;
						return f(e, r(t._payload), n);
				}
				if (ye(t) || ne(t)) return t = Zl(t, e.mode, n, null), t.return = e, t;
				La(e, t);
			}
			return null;
		}
		function p(e, t, n, r) {
			var i = t === null ? null : t.key;
			if (typeof n == "string" && n !== "" || typeof n == "number") return i === null ? c(e, t, "" + n, r) : null;
			if (typeof n == "object" && n) {
				switch (n.$$typeof) {
					case w: return n.key === i ? l(e, t, n, r) : null;
					case T: return n.key === i ? u(e, t, n, r) : null;
					case F: return i = n._init, p(e, t, i(n._payload), r);
				}
				if (ye(n) || ne(n)) return i === null ? d(e, t, n, r, null) : null;
				La(e, n);
			}
			return null;
		}
		function m(e, t, n, r, i) {
			if (typeof r == "string" && r !== "" || typeof r == "number") return e = e.get(n) || null, c(t, e, "" + r, i);
			if (typeof r == "object" && r) {
				switch (r.$$typeof) {
					case w: return e = e.get(r.key === null ? n : r.key) || null, l(t, e, r, i);
					case T: return e = e.get(r.key === null ? n : r.key) || null, u(t, e, r, i);
					case F:
						var a = r._init;
						return m(e, t, n, a(r._payload), i);
				}
				if (ye(r) || ne(r)) return e = e.get(n) || null, d(t, e, r, i, null);
				La(t, r);
			}
			return null;
		}
		function h(r, a, s, c) {
			for (var l = null, u = null, d = a, h = a = 0, g = null; d !== null && h < s.length; h++) {
				d.index > h ? (g = d, d = null) : g = d.sibling;
				var _ = p(r, d, s[h], c);
				if (_ === null) {
					d === null && (d = g);
					break;
				}
				e && d && _.alternate === null && t(r, d), a = o(_, a, h), u === null ? l = _ : u.sibling = _, u = _, d = g;
			}
			if (h === s.length) return n(r, d), W && ya(r, h), l;
			if (d === null) {
				for (; h < s.length; h++) d = f(r, s[h], c), d !== null && (a = o(d, a, h), u === null ? l = d : u.sibling = d, u = d);
				return W && ya(r, h), l;
			}
			for (d = i(r, d); h < s.length; h++) g = m(d, r, h, s[h], c), g !== null && (e && g.alternate !== null && d.delete(g.key === null ? h : g.key), a = o(g, a, h), u === null ? l = g : u.sibling = g, u = g);
			return e && d.forEach(function(e) {
				return t(r, e);
			}), W && ya(r, h), l;
		}
		function g(a, s, c, l) {
			var u = ne(c);
			if (typeof u != "function") throw Error(r(150));
			if (c = u.call(c), c == null) throw Error(r(151));
			for (var d = u = null, h = s, g = s = 0, _ = null, v = c.next(); h !== null && !v.done; g++, v = c.next()) {
				h.index > g ? (_ = h, h = null) : _ = h.sibling;
				var y = p(a, h, v.value, l);
				if (y === null) {
					h === null && (h = _);
					break;
				}
				e && h && y.alternate === null && t(a, h), s = o(y, s, g), d === null ? u = y : d.sibling = y, d = y, h = _;
			}
			if (v.done) return n(a, h), W && ya(a, g), u;
			if (h === null) {
				for (; !v.done; g++, v = c.next()) v = f(a, v.value, l), v !== null && (s = o(v, s, g), d === null ? u = v : d.sibling = v, d = v);
				return W && ya(a, g), u;
			}
			for (h = i(a, h); !v.done; g++, v = c.next()) v = m(h, a, g, v.value, l), v !== null && (e && v.alternate !== null && h.delete(v.key === null ? g : v.key), s = o(v, s, g), d === null ? u = v : d.sibling = v, d = v);
			return e && h.forEach(function(e) {
				return t(a, e);
			}), W && ya(a, g), u;
		}
		function _(e, r, i, o) {
			if (typeof i == "object" && i && i.type === E && i.key === null && (i = i.props.children), typeof i == "object" && i) {
				switch (i.$$typeof) {
					case w:
						a: {
							for (var c = i.key, l = r; l !== null;) {
								if (l.key === c) {
									if (c = i.type, c === E) {
										if (l.tag === 7) {
											n(e, l.sibling), r = a(l, i.props.children), r.return = e, e = r;
											break a;
										}
									} else if (l.elementType === c || typeof c == "object" && c && c.$$typeof === F && Ra(c) === l.type) {
										n(e, l.sibling), r = a(l, i.props), r.ref = Ia(e, l, i), r.return = e, e = r;
										break a;
									}
									n(e, l);
									break;
								}
								t(e, l), l = l.sibling;
							}
							i.type === E ? (r = Zl(i.props.children, e.mode, o, i.key), r.return = e, e = r) : (o = Xl(i.type, i.key, i.props, null, e.mode, o), o.ref = Ia(e, r, i), o.return = e, e = o);
						}
						return s(e);
					case T:
						a: {
							for (l = i.key; r !== null;) {
								if (r.key === l) {
									if (r.tag === 4 && r.stateNode.containerInfo === i.containerInfo && r.stateNode.implementation === i.implementation) {
										n(e, r.sibling), r = a(r, i.children || []), r.return = e, e = r;
										break a;
									}
									n(e, r);
									break;
								}
								t(e, r), r = r.sibling;
							}
							r = eu(i, e.mode, o), r.return = e, e = r;
						}
						return s(e);
					case F: return l = i._init, _(e, r, l(i._payload), o);
				}
				if (ye(i)) return h(e, r, i, o);
				if (ne(i)) return g(e, r, i, o);
				La(e, i);
			}
			return typeof i == "string" && i !== "" || typeof i == "number" ? (i = "" + i, r !== null && r.tag === 6 ? (n(e, r.sibling), r = a(r, i), r.return = e, e = r) : (n(e, r), r = $l(i, e.mode, o), r.return = e, e = r), s(e)) : n(e, r);
		}
		return _;
	}
	var Ba = za(!0), Va = za(!1), Ha = Ki(null), Ua = null, Wa = null, Ga = null;
	function Ka() {
		Ga = Wa = Ua = null;
	}
	function qa(e) {
		var t = Ha.current;
		H(Ha), e._currentValue = t;
	}
	function Ja(e, t, n) {
		for (; e !== null;) {
			var r = e.alternate;
			if ((e.childLanes & t) === t ? r !== null && (r.childLanes & t) !== t && (r.childLanes |= t) : (e.childLanes |= t, r !== null && (r.childLanes |= t)), e === n) break;
			e = e.return;
		}
	}
	function Ya(e, t) {
		Ua = e, Ga = Wa = null, e = e.dependencies, e !== null && e.firstContext !== null && ((e.lanes & t) !== 0 && (Is = !0), e.firstContext = null);
	}
	function Xa(e) {
		var t = e._currentValue;
		if (Ga !== e) {
			if (e = {
				context: e,
				memoizedValue: t,
				next: null
			}, Wa === null) {
				if (Ua === null) throw Error(r(308));
				Wa = e, Ua.dependencies = {
					lanes: 0,
					firstContext: e
				};
			} else Wa = Wa.next = e;
		}
		return t;
	}
	var Za = null;
	function Qa(e) {
		Za === null ? Za = [e] : Za.push(e);
	}
	function $a(e, t, n, r) {
		var i = t.interleaved;
		return i === null ? (n.next = n, Qa(t)) : (n.next = i.next, i.next = n), t.interleaved = n, eo(e, r);
	}
	function eo(e, t) {
		e.lanes |= t;
		var n = e.alternate;
		for (n !== null && (n.lanes |= t), n = e, e = e.return; e !== null;) e.childLanes |= t, n = e.alternate, n !== null && (n.childLanes |= t), n = e, e = e.return;
		return n.tag === 3 ? n.stateNode : null;
	}
	var to = !1;
	function no(e) {
		e.updateQueue = {
			baseState: e.memoizedState,
			firstBaseUpdate: null,
			lastBaseUpdate: null,
			shared: {
				pending: null,
				interleaved: null,
				lanes: 0
			},
			effects: null
		};
	}
	function ro(e, t) {
		e = e.updateQueue, t.updateQueue === e && (t.updateQueue = {
			baseState: e.baseState,
			firstBaseUpdate: e.firstBaseUpdate,
			lastBaseUpdate: e.lastBaseUpdate,
			shared: e.shared,
			effects: e.effects
		});
	}
	function io(e, t) {
		return {
			eventTime: e,
			lane: t,
			tag: 0,
			payload: null,
			callback: null,
			next: null
		};
	}
	function ao(e, t, n) {
		var r = e.updateQueue;
		if (r === null) return null;
		if (r = r.shared, Y & 2) {
			var i = r.pending;
			return i === null ? t.next = t : (t.next = i.next, i.next = t), r.pending = t, eo(e, n);
		}
		return i = r.interleaved, i === null ? (t.next = t, Qa(r)) : (t.next = i.next, i.next = t), r.interleaved = t, eo(e, n);
	}
	function oo(e, t, n) {
		if (t = t.updateQueue, t !== null && (t = t.shared, n & 4194240)) {
			var r = t.lanes;
			r &= e.pendingLanes, n |= r, t.lanes = n, Vt(e, n);
		}
	}
	function so(e, t) {
		var n = e.updateQueue, r = e.alternate;
		if (r !== null && (r = r.updateQueue, n === r)) {
			var i = null, a = null;
			if (n = n.firstBaseUpdate, n !== null) {
				do {
					var o = {
						eventTime: n.eventTime,
						lane: n.lane,
						tag: n.tag,
						payload: n.payload,
						callback: n.callback,
						next: null
					};
					a === null ? i = a = o : a = a.next = o, n = n.next;
				} while (n !== null);
				a === null ? i = a = t : a = a.next = t;
			} else i = a = t;
			n = {
				baseState: r.baseState,
				firstBaseUpdate: i,
				lastBaseUpdate: a,
				shared: r.shared,
				effects: r.effects
			}, e.updateQueue = n;
		} else e = n.lastBaseUpdate, e === null ? n.firstBaseUpdate = t : e.next = t, n.lastBaseUpdate = t;
	}
	function co(e, t, n, r) {
		var i = e.updateQueue;
		to = !1;
		var a = i.firstBaseUpdate, o = i.lastBaseUpdate, s = i.shared.pending;
		if (s !== null) {
			i.shared.pending = null;
			var c = s, l = c.next;
			c.next = null, o === null ? a = l : o.next = l, o = c;
			var u = e.alternate;
			u !== null && (u = u.updateQueue, s = u.lastBaseUpdate, s !== o && (s === null ? u.firstBaseUpdate = l : s.next = l, u.lastBaseUpdate = c));
		}
		if (a !== null) {
			var d = i.baseState;
			o = 0, u = l = c = null, s = a;
			do {
				var f = s.lane, p = s.eventTime;
				if ((r & f) === f) {
					u !== null && (u = u.next = {
						eventTime: p,
						lane: 0,
						tag: s.tag,
						payload: s.payload,
						callback: s.callback,
						next: null
					});
					a: {
						var m = e, h = s;
						switch (f = t, p = n, h.tag) {
							case 1:
								if (m = h.payload, typeof m == "function") {
									d = m.call(p, d, f);
									break a;
								}
								d = m;
								break a;
							case 3: m.flags = m.flags & -65537 | 128;
							case 0:
								if (m = h.payload, f = typeof m == "function" ? m.call(p, d, f) : m, f == null) break a;
								d = I({}, d, f);
								break a;
							case 2: to = !0;
						}
					}
					s.callback !== null && s.lane !== 0 && (e.flags |= 64, f = i.effects, f === null ? i.effects = [s] : f.push(s));
				} else p = {
					eventTime: p,
					lane: f,
					tag: s.tag,
					payload: s.payload,
					callback: s.callback,
					next: null
				}, u === null ? (l = u = p, c = d) : u = u.next = p, o |= f;
				if (s = s.next, s === null) {
					if (s = i.shared.pending, s === null) break;
					f = s, s = f.next, f.next = null, i.lastBaseUpdate = f, i.shared.pending = null;
				}
			} while (1);
			if (u === null && (c = d), i.baseState = c, i.firstBaseUpdate = l, i.lastBaseUpdate = u, t = i.shared.interleaved, t !== null) {
				i = t;
				do
					o |= i.lane, i = i.next;
				while (i !== t);
			} else a === null && (i.shared.lanes = 0);
			Qc |= o, e.lanes = o, e.memoizedState = d;
		}
	}
	function lo(e, t, n) {
		if (e = t.effects, t.effects = null, e !== null) for (t = 0; t < e.length; t++) {
			var i = e[t], a = i.callback;
			if (a !== null) {
				if (i.callback = null, i = n, typeof a != "function") throw Error(r(191, a));
				a.call(i);
			}
		}
	}
	var uo = {}, fo = Ki(uo), po = Ki(uo), mo = Ki(uo);
	function ho(e) {
		if (e === uo) throw Error(r(174));
		return e;
	}
	function go(e, t) {
		switch (U(mo, t), U(po, e), U(fo, uo), e = t.nodeType, e) {
			case 9:
			case 11:
				t = (t = t.documentElement) ? t.namespaceURI : Ee(null, "");
				break;
			default: e = e === 8 ? t.parentNode : t, t = e.namespaceURI || null, e = e.tagName, t = Ee(t, e);
		}
		H(fo), U(fo, t);
	}
	function _o() {
		H(fo), H(po), H(mo);
	}
	function vo(e) {
		ho(mo.current);
		var t = ho(fo.current), n = Ee(t, e.type);
		t !== n && (U(po, e), U(fo, n));
	}
	function yo(e) {
		po.current === e && (H(fo), H(po));
	}
	var G = Ki(0);
	function bo(e) {
		for (var t = e; t !== null;) {
			if (t.tag === 13) {
				var n = t.memoizedState;
				if (n !== null && (n = n.dehydrated, n === null || n.data === "$?" || n.data === "$!")) return t;
			} else if (t.tag === 19 && t.memoizedProps.revealOrder !== void 0) {
				if (t.flags & 128) return t;
			} else if (t.child !== null) {
				t.child.return = t, t = t.child;
				continue;
			}
			if (t === e) break;
			for (; t.sibling === null;) {
				if (t.return === null || t.return === e) return null;
				t = t.return;
			}
			t.sibling.return = t.return, t = t.sibling;
		}
		return null;
	}
	var xo = [];
	function K() {
		for (var e = 0; e < xo.length; e++) xo[e]._workInProgressVersionPrimary = null;
		xo.length = 0;
	}
	var So = C.ReactCurrentDispatcher, Co = C.ReactCurrentBatchConfig, wo = 0, q = null, To = null, Eo = null, Do = !1, Oo = !1, ko = 0, Ao = 0;
	function jo() {
		throw Error(r(321));
	}
	function Mo(e, t) {
		if (t === null) return !1;
		for (var n = 0; n < t.length && n < e.length; n++) if (!Ar(e[n], t[n])) return !1;
		return !0;
	}
	function No(e, t, n, i, a, o) {
		if (wo = o, q = t, t.memoizedState = null, t.updateQueue = null, t.lanes = 0, So.current = e === null || e.memoizedState === null ? gs : _s, e = n(i, a), Oo) {
			o = 0;
			do {
				if (Oo = !1, ko = 0, 25 <= o) throw Error(r(301));
				o += 1, Eo = To = null, t.updateQueue = null, So.current = vs, e = n(i, a);
			} while (Oo);
		}
		if (So.current = hs, t = To !== null && To.next !== null, wo = 0, Eo = To = q = null, Do = !1, t) throw Error(r(300));
		return e;
	}
	function Po() {
		var e = ko !== 0;
		return ko = 0, e;
	}
	function Fo() {
		var e = {
			memoizedState: null,
			baseState: null,
			baseQueue: null,
			queue: null,
			next: null
		};
		return Eo === null ? q.memoizedState = Eo = e : Eo = Eo.next = e, Eo;
	}
	function Io() {
		if (To === null) {
			var e = q.alternate;
			e = e === null ? null : e.memoizedState;
		} else e = To.next;
		var t = Eo === null ? q.memoizedState : Eo.next;
		if (t !== null) Eo = t, To = e;
		else {
			if (e === null) throw Error(r(310));
			To = e, e = {
				memoizedState: To.memoizedState,
				baseState: To.baseState,
				baseQueue: To.baseQueue,
				queue: To.queue,
				next: null
			}, Eo === null ? q.memoizedState = Eo = e : Eo = Eo.next = e;
		}
		return Eo;
	}
	function Lo(e, t) {
		return typeof t == "function" ? t(e) : t;
	}
	function Ro(e) {
		var t = Io(), n = t.queue;
		if (n === null) throw Error(r(311));
		n.lastRenderedReducer = e;
		var i = To, a = i.baseQueue, o = n.pending;
		if (o !== null) {
			if (a !== null) {
				var s = a.next;
				a.next = o.next, o.next = s;
			}
			i.baseQueue = a = o, n.pending = null;
		}
		if (a !== null) {
			o = a.next, i = i.baseState;
			var c = s = null, l = null, u = o;
			do {
				var d = u.lane;
				if ((wo & d) === d) l !== null && (l = l.next = {
					lane: 0,
					action: u.action,
					hasEagerState: u.hasEagerState,
					eagerState: u.eagerState,
					next: null
				}), i = u.hasEagerState ? u.eagerState : e(i, u.action);
				else {
					var f = {
						lane: d,
						action: u.action,
						hasEagerState: u.hasEagerState,
						eagerState: u.eagerState,
						next: null
					};
					l === null ? (c = l = f, s = i) : l = l.next = f, q.lanes |= d, Qc |= d;
				}
				u = u.next;
			} while (u !== null && u !== o);
			l === null ? s = i : l.next = c, Ar(i, t.memoizedState) || (Is = !0), t.memoizedState = i, t.baseState = s, t.baseQueue = l, n.lastRenderedState = i;
		}
		if (e = n.interleaved, e !== null) {
			a = e;
			do
				o = a.lane, q.lanes |= o, Qc |= o, a = a.next;
			while (a !== e);
		} else a === null && (n.lanes = 0);
		return [t.memoizedState, n.dispatch];
	}
	function zo(e) {
		var t = Io(), n = t.queue;
		if (n === null) throw Error(r(311));
		n.lastRenderedReducer = e;
		var i = n.dispatch, a = n.pending, o = t.memoizedState;
		if (a !== null) {
			n.pending = null;
			var s = a = a.next;
			do
				o = e(o, s.action), s = s.next;
			while (s !== a);
			Ar(o, t.memoizedState) || (Is = !0), t.memoizedState = o, t.baseQueue === null && (t.baseState = o), n.lastRenderedState = o;
		}
		return [o, i];
	}
	function Bo() {}
	function Vo(e, t) {
		var n = q, i = Io(), a = t(), o = !Ar(i.memoizedState, a);
		if (o && (i.memoizedState = a, Is = !0), i = i.queue, $o(Wo.bind(null, n, i, e), [e]), i.getSnapshot !== t || o || Eo !== null && Eo.memoizedState.tag & 1) {
			if (n.flags |= 2048, Jo(9, Uo.bind(null, n, i, a, t), void 0, null), Gc === null) throw Error(r(349));
			wo & 30 || Ho(n, t, a);
		}
		return a;
	}
	function Ho(e, t, n) {
		e.flags |= 16384, e = {
			getSnapshot: t,
			value: n
		}, t = q.updateQueue, t === null ? (t = {
			lastEffect: null,
			stores: null
		}, q.updateQueue = t, t.stores = [e]) : (n = t.stores, n === null ? t.stores = [e] : n.push(e));
	}
	function Uo(e, t, n, r) {
		t.value = n, t.getSnapshot = r, Go(t) && Ko(e);
	}
	function Wo(e, t, n) {
		return n(function() {
			Go(t) && Ko(e);
		});
	}
	function Go(e) {
		var t = e.getSnapshot;
		e = e.value;
		try {
			var n = t();
			return !Ar(e, n);
		} catch {
			return !0;
		}
	}
	function Ko(e) {
		var t = eo(e, 1);
		t !== null && hl(t, e, 1, -1);
	}
	function qo(e) {
		var t = Fo();
		return typeof e == "function" && (e = e()), t.memoizedState = t.baseState = e, e = {
			pending: null,
			interleaved: null,
			lanes: 0,
			dispatch: null,
			lastRenderedReducer: Lo,
			lastRenderedState: e
		}, t.queue = e, e = e.dispatch = ds.bind(null, q, e), [t.memoizedState, e];
	}
	function Jo(e, t, n, r) {
		return e = {
			tag: e,
			create: t,
			destroy: n,
			deps: r,
			next: null
		}, t = q.updateQueue, t === null ? (t = {
			lastEffect: null,
			stores: null
		}, q.updateQueue = t, t.lastEffect = e.next = e) : (n = t.lastEffect, n === null ? t.lastEffect = e.next = e : (r = n.next, n.next = e, e.next = r, t.lastEffect = e)), e;
	}
	function Yo() {
		return Io().memoizedState;
	}
	function Xo(e, t, n, r) {
		var i = Fo();
		q.flags |= e, i.memoizedState = Jo(1 | t, n, void 0, r === void 0 ? null : r);
	}
	function Zo(e, t, n, r) {
		var i = Io();
		r = r === void 0 ? null : r;
		var a = void 0;
		if (To !== null) {
			var o = To.memoizedState;
			if (a = o.destroy, r !== null && Mo(r, o.deps)) {
				i.memoizedState = Jo(t, n, a, r);
				return;
			}
		}
		q.flags |= e, i.memoizedState = Jo(1 | t, n, a, r);
	}
	function Qo(e, t) {
		return Xo(8390656, 8, e, t);
	}
	function $o(e, t) {
		return Zo(2048, 8, e, t);
	}
	function es(e, t) {
		return Zo(4, 2, e, t);
	}
	function ts(e, t) {
		return Zo(4, 4, e, t);
	}
	function ns(e, t) {
		if (typeof t == "function") return e = e(), t(e), function() {
			t(null);
		};
		if (t != null) return e = e(), t.current = e, function() {
			t.current = null;
		};
	}
	function rs(e, t, n) {
		return n = n == null ? null : n.concat([e]), Zo(4, 4, ns.bind(null, t, e), n);
	}
	function is() {}
	function as(e, t) {
		var n = Io();
		t = t === void 0 ? null : t;
		var r = n.memoizedState;
		return r !== null && t !== null && Mo(t, r[1]) ? r[0] : (n.memoizedState = [e, t], e);
	}
	function os(e, t) {
		var n = Io();
		t = t === void 0 ? null : t;
		var r = n.memoizedState;
		return r !== null && t !== null && Mo(t, r[1]) ? r[0] : (e = e(), n.memoizedState = [e, t], e);
	}
	function ss(e, t, n) {
		return wo & 21 ? (Ar(n, t) || (n = Lt(), q.lanes |= n, Qc |= n, e.baseState = !0), t) : (e.baseState && (e.baseState = !1, Is = !0), e.memoizedState = n);
	}
	function cs(e, t) {
		var n = B;
		B = n !== 0 && 4 > n ? n : 4, e(!0);
		var r = Co.transition;
		Co.transition = {};
		try {
			e(!1), t();
		} finally {
			B = n, Co.transition = r;
		}
	}
	function ls() {
		return Io().memoizedState;
	}
	function us(e, t, n) {
		var r = ml(e);
		if (n = {
			lane: r,
			action: n,
			hasEagerState: !1,
			eagerState: null,
			next: null
		}, fs(e)) ps(t, n);
		else if (n = $a(e, t, n, r), n !== null) {
			var i = pl();
			hl(n, e, r, i), ms(n, t, r);
		}
	}
	function ds(e, t, n) {
		var r = ml(e), i = {
			lane: r,
			action: n,
			hasEagerState: !1,
			eagerState: null,
			next: null
		};
		if (fs(e)) ps(t, i);
		else {
			var a = e.alternate;
			if (e.lanes === 0 && (a === null || a.lanes === 0) && (a = t.lastRenderedReducer, a !== null)) try {
				var o = t.lastRenderedState, s = a(o, n);
				if (i.hasEagerState = !0, i.eagerState = s, Ar(s, o)) {
					var c = t.interleaved;
					c === null ? (i.next = i, Qa(t)) : (i.next = c.next, c.next = i), t.interleaved = i;
					return;
				}
			} catch {}
			n = $a(e, t, i, r), n !== null && (i = pl(), hl(n, e, r, i), ms(n, t, r));
		}
	}
	function fs(e) {
		var t = e.alternate;
		return e === q || t !== null && t === q;
	}
	function ps(e, t) {
		Oo = Do = !0;
		var n = e.pending;
		n === null ? t.next = t : (t.next = n.next, n.next = t), e.pending = t;
	}
	function ms(e, t, n) {
		if (n & 4194240) {
			var r = t.lanes;
			r &= e.pendingLanes, n |= r, t.lanes = n, Vt(e, n);
		}
	}
	var hs = {
		readContext: Xa,
		useCallback: jo,
		useContext: jo,
		useEffect: jo,
		useImperativeHandle: jo,
		useInsertionEffect: jo,
		useLayoutEffect: jo,
		useMemo: jo,
		useReducer: jo,
		useRef: jo,
		useState: jo,
		useDebugValue: jo,
		useDeferredValue: jo,
		useTransition: jo,
		useMutableSource: jo,
		useSyncExternalStore: jo,
		useId: jo,
		unstable_isNewReconciler: !1
	}, gs = {
		readContext: Xa,
		useCallback: function(e, t) {
			return Fo().memoizedState = [e, t === void 0 ? null : t], e;
		},
		useContext: Xa,
		useEffect: Qo,
		useImperativeHandle: function(e, t, n) {
			return n = n == null ? null : n.concat([e]), Xo(4194308, 4, ns.bind(null, t, e), n);
		},
		useLayoutEffect: function(e, t) {
			return Xo(4194308, 4, e, t);
		},
		useInsertionEffect: function(e, t) {
			return Xo(4, 2, e, t);
		},
		useMemo: function(e, t) {
			var n = Fo();
			return t = t === void 0 ? null : t, e = e(), n.memoizedState = [e, t], e;
		},
		useReducer: function(e, t, n) {
			var r = Fo();
			return t = n === void 0 ? t : n(t), r.memoizedState = r.baseState = t, e = {
				pending: null,
				interleaved: null,
				lanes: 0,
				dispatch: null,
				lastRenderedReducer: e,
				lastRenderedState: t
			}, r.queue = e, e = e.dispatch = us.bind(null, q, e), [r.memoizedState, e];
		},
		useRef: function(e) {
			var t = Fo();
			return e = { current: e }, t.memoizedState = e;
		},
		useState: qo,
		useDebugValue: is,
		useDeferredValue: function(e) {
			return Fo().memoizedState = e;
		},
		useTransition: function() {
			var e = qo(!1), t = e[0];
			return e = cs.bind(null, e[1]), Fo().memoizedState = e, [t, e];
		},
		useMutableSource: function() {},
		useSyncExternalStore: function(e, t, n) {
			var i = q, a = Fo();
			if (W) {
				if (n === void 0) throw Error(r(407));
				n = n();
			} else {
				if (n = t(), Gc === null) throw Error(r(349));
				wo & 30 || Ho(i, t, n);
			}
			a.memoizedState = n;
			var o = {
				value: n,
				getSnapshot: t
			};
			return a.queue = o, Qo(Wo.bind(null, i, o, e), [e]), i.flags |= 2048, Jo(9, Uo.bind(null, i, o, n, t), void 0, null), n;
		},
		useId: function() {
			var e = Fo(), t = Gc.identifierPrefix;
			if (W) {
				var n = va, r = _a;
				n = (r & ~(1 << 32 - Et(r) - 1)).toString(32) + n, t = ":" + t + "R" + n, n = ko++, 0 < n && (t += "H" + n.toString(32)), t += ":";
			} else n = Ao++, t = ":" + t + "r" + n.toString(32) + ":";
			return e.memoizedState = t;
		},
		unstable_isNewReconciler: !1
	}, _s = {
		readContext: Xa,
		useCallback: as,
		useContext: Xa,
		useEffect: $o,
		useImperativeHandle: rs,
		useInsertionEffect: es,
		useLayoutEffect: ts,
		useMemo: os,
		useReducer: Ro,
		useRef: Yo,
		useState: function() {
			return Ro(Lo);
		},
		useDebugValue: is,
		useDeferredValue: function(e) {
			return ss(Io(), To.memoizedState, e);
		},
		useTransition: function() {
			return [Ro(Lo)[0], Io().memoizedState];
		},
		useMutableSource: Bo,
		useSyncExternalStore: Vo,
		useId: ls,
		unstable_isNewReconciler: !1
	}, vs = {
		readContext: Xa,
		useCallback: as,
		useContext: Xa,
		useEffect: $o,
		useImperativeHandle: rs,
		useInsertionEffect: es,
		useLayoutEffect: ts,
		useMemo: os,
		useReducer: zo,
		useRef: Yo,
		useState: function() {
			return zo(Lo);
		},
		useDebugValue: is,
		useDeferredValue: function(e) {
			var t = Io();
			return To === null ? t.memoizedState = e : ss(t, To.memoizedState, e);
		},
		useTransition: function() {
			return [zo(Lo)[0], Io().memoizedState];
		},
		useMutableSource: Bo,
		useSyncExternalStore: Vo,
		useId: ls,
		unstable_isNewReconciler: !1
	};
	function ys(e, t) {
		if (e && e.defaultProps) {
			for (var n in t = I({}, t), e = e.defaultProps, e) t[n] === void 0 && (t[n] = e[n]);
			return t;
		}
		return t;
	}
	function bs(e, t, n, r) {
		t = e.memoizedState, n = n(r, t), n = n == null ? t : I({}, t, n), e.memoizedState = n, e.lanes === 0 && (e.updateQueue.baseState = n);
	}
	var xs = {
		isMounted: function(e) {
			return (e = e._reactInternals) ? ot(e) === e : !1;
		},
		enqueueSetState: function(e, t, n) {
			e = e._reactInternals;
			var r = pl(), i = ml(e), a = io(r, i);
			a.payload = t, n != null && (a.callback = n), t = ao(e, a, i), t !== null && (hl(t, e, i, r), oo(t, e, i));
		},
		enqueueReplaceState: function(e, t, n) {
			e = e._reactInternals;
			var r = pl(), i = ml(e), a = io(r, i);
			a.tag = 1, a.payload = t, n != null && (a.callback = n), t = ao(e, a, i), t !== null && (hl(t, e, i, r), oo(t, e, i));
		},
		enqueueForceUpdate: function(e, t) {
			e = e._reactInternals;
			var n = pl(), r = ml(e), i = io(n, r);
			i.tag = 2, t != null && (i.callback = t), t = ao(e, i, r), t !== null && (hl(t, e, r, n), oo(t, e, r));
		}
	};
	function Ss(e, t, n, r, i, a, o) {
		return e = e.stateNode, typeof e.shouldComponentUpdate == "function" ? e.shouldComponentUpdate(r, a, o) : t.prototype && t.prototype.isPureReactComponent ? !jr(n, r) || !jr(i, a) : !0;
	}
	function Cs(e, t, n) {
		var r = !1, i = qi, a = t.contextType;
		return typeof a == "object" && a ? a = Xa(a) : (i = Qi(t) ? Xi : Ji.current, r = t.contextTypes, a = (r = r != null) ? Zi(e, i) : qi), t = new t(n, a), e.memoizedState = t.state !== null && t.state !== void 0 ? t.state : null, t.updater = xs, e.stateNode = t, t._reactInternals = e, r && (e = e.stateNode, e.__reactInternalMemoizedUnmaskedChildContext = i, e.__reactInternalMemoizedMaskedChildContext = a), t;
	}
	function ws(e, t, n, r) {
		e = t.state, typeof t.componentWillReceiveProps == "function" && t.componentWillReceiveProps(n, r), typeof t.UNSAFE_componentWillReceiveProps == "function" && t.UNSAFE_componentWillReceiveProps(n, r), t.state !== e && xs.enqueueReplaceState(t, t.state, null);
	}
	function Ts(e, t, n, r) {
		var i = e.stateNode;
		i.props = n, i.state = e.memoizedState, i.refs = {}, no(e);
		var a = t.contextType;
		typeof a == "object" && a ? i.context = Xa(a) : (a = Qi(t) ? Xi : Ji.current, i.context = Zi(e, a)), i.state = e.memoizedState, a = t.getDerivedStateFromProps, typeof a == "function" && (bs(e, t, a, n), i.state = e.memoizedState), typeof t.getDerivedStateFromProps == "function" || typeof i.getSnapshotBeforeUpdate == "function" || typeof i.UNSAFE_componentWillMount != "function" && typeof i.componentWillMount != "function" || (t = i.state, typeof i.componentWillMount == "function" && i.componentWillMount(), typeof i.UNSAFE_componentWillMount == "function" && i.UNSAFE_componentWillMount(), t !== i.state && xs.enqueueReplaceState(i, i.state, null), co(e, n, i, r), i.state = e.memoizedState), typeof i.componentDidMount == "function" && (e.flags |= 4194308);
	}
	function Es(e, t) {
		try {
			var n = "", r = t;
			do
				n += ie(r), r = r.return;
			while (r);
			var i = n;
		} catch (e) {
			i = "\nError generating stack: " + e.message + "\n" + e.stack;
		}
		return {
			value: e,
			source: t,
			stack: i,
			digest: null
		};
	}
	function Ds(e, t, n) {
		return {
			value: e,
			source: null,
			stack: n ?? null,
			digest: t ?? null
		};
	}
	function Os(e, t) {
		try {
			console.error(t.value);
		} catch (e) {
			setTimeout(function() {
				throw e;
			});
		}
	}
	var ks = typeof WeakMap == "function" ? WeakMap : Map;
	function As(e, t, n) {
		n = io(-1, n), n.tag = 3, n.payload = { element: null };
		var r = t.value;
		return n.callback = function() {
			ol || (ol = !0, sl = r), Os(e, t);
		}, n;
	}
	function js(e, t, n) {
		n = io(-1, n), n.tag = 3;
		var r = e.type.getDerivedStateFromError;
		if (typeof r == "function") {
			var i = t.value;
			n.payload = function() {
				return r(i);
			}, n.callback = function() {
				Os(e, t);
			};
		}
		var a = e.stateNode;
		return a !== null && typeof a.componentDidCatch == "function" && (n.callback = function() {
			Os(e, t), typeof r != "function" && (X === null ? X = /* @__PURE__ */ new Set([this]) : X.add(this));
			var n = t.stack;
			this.componentDidCatch(t.value, { componentStack: n === null ? "" : n });
		}), n;
	}
	function Ms(e, t, n) {
		var r = e.pingCache;
		if (r === null) {
			r = e.pingCache = new ks();
			var i = /* @__PURE__ */ new Set();
			r.set(t, i);
		} else i = r.get(t), i === void 0 && (i = /* @__PURE__ */ new Set(), r.set(t, i));
		i.has(n) || (i.add(n), e = zl.bind(null, e, t, n), t.then(e, e));
	}
	function Ns(e) {
		do {
			var t;
			if ((t = e.tag === 13) && (t = e.memoizedState, t = t === null || t.dehydrated !== null), t) return e;
			e = e.return;
		} while (e !== null);
		return null;
	}
	function Ps(e, t, n, r, i) {
		return e.mode & 1 ? (e.flags |= 65536, e.lanes = i, e) : (e === t ? e.flags |= 65536 : (e.flags |= 128, n.flags |= 131072, n.flags &= -52805, n.tag === 1 && (n.alternate === null ? n.tag = 17 : (t = io(-1, 1), t.tag = 2, ao(n, t, 1))), n.lanes |= 1), e);
	}
	var Fs = C.ReactCurrentOwner, Is = !1;
	function Ls(e, t, n, r) {
		t.child = e === null ? Va(t, null, n, r) : Ba(t, e.child, n, r);
	}
	function Rs(e, t, n, r, i) {
		n = n.render;
		var a = t.ref;
		return Ya(t, i), r = No(e, t, n, r, a, i), n = Po(), e !== null && !Is ? (t.updateQueue = e.updateQueue, t.flags &= -2053, e.lanes &= ~i, ic(e, t, i)) : (W && n && xa(t), t.flags |= 1, Ls(e, t, r, i), t.child);
	}
	function zs(e, t, n, r, i) {
		if (e === null) {
			var a = n.type;
			return typeof a == "function" && !ql(a) && a.defaultProps === void 0 && n.compare === null && n.defaultProps === void 0 ? (t.tag = 15, t.type = a, Bs(e, t, a, r, i)) : (e = Xl(n.type, null, r, t, t.mode, i), e.ref = t.ref, e.return = t, t.child = e);
		}
		if (a = e.child, (e.lanes & i) === 0) {
			var o = a.memoizedProps;
			if (n = n.compare, n = n === null ? jr : n, n(o, r) && e.ref === t.ref) return ic(e, t, i);
		}
		return t.flags |= 1, e = Yl(a, r), e.ref = t.ref, e.return = t, t.child = e;
	}
	function Bs(e, t, n, r, i) {
		if (e !== null) {
			var a = e.memoizedProps;
			if (jr(a, r) && e.ref === t.ref) {
				if (Is = !1, t.pendingProps = r = a, (e.lanes & i) !== 0) e.flags & 131072 && (Is = !0);
				else return t.lanes = e.lanes, ic(e, t, i);
			}
		}
		return Us(e, t, n, r, i);
	}
	function Vs(e, t, n) {
		var r = t.pendingProps, i = r.children, a = e === null ? null : e.memoizedState;
		if (r.mode === "hidden") {
			if (!(t.mode & 1)) t.memoizedState = {
				baseLanes: 0,
				cachePool: null,
				transitions: null
			}, U(Yc, Jc), Jc |= n;
			else {
				if (!(n & 1073741824)) return e = a === null ? n : a.baseLanes | n, t.lanes = t.childLanes = 1073741824, t.memoizedState = {
					baseLanes: e,
					cachePool: null,
					transitions: null
				}, t.updateQueue = null, U(Yc, Jc), Jc |= e, null;
				t.memoizedState = {
					baseLanes: 0,
					cachePool: null,
					transitions: null
				}, r = a === null ? n : a.baseLanes, U(Yc, Jc), Jc |= r;
			}
		} else a === null ? r = n : (r = a.baseLanes | n, t.memoizedState = null), U(Yc, Jc), Jc |= r;
		return Ls(e, t, i, n), t.child;
	}
	function Hs(e, t) {
		var n = t.ref;
		(e === null && n !== null || e !== null && e.ref !== n) && (t.flags |= 512, t.flags |= 2097152);
	}
	function Us(e, t, n, r, i) {
		var a = Qi(n) ? Xi : Ji.current;
		return a = Zi(t, a), Ya(t, i), n = No(e, t, n, r, a, i), r = Po(), e !== null && !Is ? (t.updateQueue = e.updateQueue, t.flags &= -2053, e.lanes &= ~i, ic(e, t, i)) : (W && r && xa(t), t.flags |= 1, Ls(e, t, n, i), t.child);
	}
	function Ws(e, t, n, r, i) {
		if (Qi(n)) {
			var a = !0;
			na(t);
		} else a = !1;
		if (Ya(t, i), t.stateNode === null) rc(e, t), Cs(t, n, r), Ts(t, n, r, i), r = !0;
		else if (e === null) {
			var o = t.stateNode, s = t.memoizedProps;
			o.props = s;
			var c = o.context, l = n.contextType;
			typeof l == "object" && l ? l = Xa(l) : (l = Qi(n) ? Xi : Ji.current, l = Zi(t, l));
			var u = n.getDerivedStateFromProps, d = typeof u == "function" || typeof o.getSnapshotBeforeUpdate == "function";
			d || typeof o.UNSAFE_componentWillReceiveProps != "function" && typeof o.componentWillReceiveProps != "function" || (s !== r || c !== l) && ws(t, o, r, l), to = !1;
			var f = t.memoizedState;
			o.state = f, co(t, r, o, i), c = t.memoizedState, s !== r || f !== c || Yi.current || to ? (typeof u == "function" && (bs(t, n, u, r), c = t.memoizedState), (s = to || Ss(t, n, s, r, f, c, l)) ? (d || typeof o.UNSAFE_componentWillMount != "function" && typeof o.componentWillMount != "function" || (typeof o.componentWillMount == "function" && o.componentWillMount(), typeof o.UNSAFE_componentWillMount == "function" && o.UNSAFE_componentWillMount()), typeof o.componentDidMount == "function" && (t.flags |= 4194308)) : (typeof o.componentDidMount == "function" && (t.flags |= 4194308), t.memoizedProps = r, t.memoizedState = c), o.props = r, o.state = c, o.context = l, r = s) : (typeof o.componentDidMount == "function" && (t.flags |= 4194308), r = !1);
		} else {
			o = t.stateNode, ro(e, t), s = t.memoizedProps, l = t.type === t.elementType ? s : ys(t.type, s), o.props = l, d = t.pendingProps, f = o.context, c = n.contextType, typeof c == "object" && c ? c = Xa(c) : (c = Qi(n) ? Xi : Ji.current, c = Zi(t, c));
			var p = n.getDerivedStateFromProps;
			(u = typeof p == "function" || typeof o.getSnapshotBeforeUpdate == "function") || typeof o.UNSAFE_componentWillReceiveProps != "function" && typeof o.componentWillReceiveProps != "function" || (s !== d || f !== c) && ws(t, o, r, c), to = !1, f = t.memoizedState, o.state = f, co(t, r, o, i);
			var m = t.memoizedState;
			s !== d || f !== m || Yi.current || to ? (typeof p == "function" && (bs(t, n, p, r), m = t.memoizedState), (l = to || Ss(t, n, l, r, f, m, c) || !1) ? (u || typeof o.UNSAFE_componentWillUpdate != "function" && typeof o.componentWillUpdate != "function" || (typeof o.componentWillUpdate == "function" && o.componentWillUpdate(r, m, c), typeof o.UNSAFE_componentWillUpdate == "function" && o.UNSAFE_componentWillUpdate(r, m, c)), typeof o.componentDidUpdate == "function" && (t.flags |= 4), typeof o.getSnapshotBeforeUpdate == "function" && (t.flags |= 1024)) : (typeof o.componentDidUpdate != "function" || s === e.memoizedProps && f === e.memoizedState || (t.flags |= 4), typeof o.getSnapshotBeforeUpdate != "function" || s === e.memoizedProps && f === e.memoizedState || (t.flags |= 1024), t.memoizedProps = r, t.memoizedState = m), o.props = r, o.state = m, o.context = c, r = l) : (typeof o.componentDidUpdate != "function" || s === e.memoizedProps && f === e.memoizedState || (t.flags |= 4), typeof o.getSnapshotBeforeUpdate != "function" || s === e.memoizedProps && f === e.memoizedState || (t.flags |= 1024), r = !1);
		}
		return Gs(e, t, n, r, a, i);
	}
	function Gs(e, t, n, r, i, a) {
		Hs(e, t);
		var o = !!(t.flags & 128);
		if (!r && !o) return i && ra(t, n, !1), ic(e, t, a);
		r = t.stateNode, Fs.current = t;
		var s = o && typeof n.getDerivedStateFromError != "function" ? null : r.render();
		return t.flags |= 1, e !== null && o ? (t.child = Ba(t, e.child, null, a), t.child = Ba(t, null, s, a)) : Ls(e, t, s, a), t.memoizedState = r.state, i && ra(t, n, !0), t.child;
	}
	function Ks(e) {
		var t = e.stateNode;
		t.pendingContext ? ea(e, t.pendingContext, t.pendingContext !== t.context) : t.context && ea(e, t.context, !1), go(e, t.containerInfo);
	}
	function qs(e, t, n, r, i) {
		return Na(), Pa(i), t.flags |= 256, Ls(e, t, n, r), t.child;
	}
	var Js = {
		dehydrated: null,
		treeContext: null,
		retryLane: 0
	};
	function Ys(e) {
		return {
			baseLanes: e,
			cachePool: null,
			transitions: null
		};
	}
	function Xs(e, t, n) {
		var r = t.pendingProps, i = G.current, a = !1, o = !!(t.flags & 128), s;
		if ((s = o) || (s = e !== null && e.memoizedState === null ? !1 : !!(i & 2)), s ? (a = !0, t.flags &= -129) : (e === null || e.memoizedState !== null) && (i |= 1), U(G, i & 1), e === null) return ka(t), e = t.memoizedState, e !== null && (e = e.dehydrated, e !== null) ? (t.lanes = t.mode & 1 ? e.data === "$!" ? 8 : 1073741824 : 1, null) : (o = r.children, e = r.fallback, a ? (r = t.mode, a = t.child, o = {
			mode: "hidden",
			children: o
		}, !(r & 1) && a !== null ? (a.childLanes = 0, a.pendingProps = o) : a = Ql(o, r, 0, null), e = Zl(e, r, n, null), a.return = t, e.return = t, a.sibling = e, t.child = a, t.child.memoizedState = Ys(n), t.memoizedState = Js, e) : Zs(t, o));
		if (i = e.memoizedState, i !== null && (s = i.dehydrated, s !== null)) return $s(e, t, o, r, s, i, n);
		if (a) {
			a = r.fallback, o = t.mode, i = e.child, s = i.sibling;
			var c = {
				mode: "hidden",
				children: r.children
			};
			return !(o & 1) && t.child !== i ? (r = t.child, r.childLanes = 0, r.pendingProps = c, t.deletions = null) : (r = Yl(i, c), r.subtreeFlags = i.subtreeFlags & 14680064), s === null ? (a = Zl(a, o, n, null), a.flags |= 2) : a = Yl(s, a), a.return = t, r.return = t, r.sibling = a, t.child = r, r = a, a = t.child, o = e.child.memoizedState, o = o === null ? Ys(n) : {
				baseLanes: o.baseLanes | n,
				cachePool: null,
				transitions: o.transitions
			}, a.memoizedState = o, a.childLanes = e.childLanes & ~n, t.memoizedState = Js, r;
		}
		return a = e.child, e = a.sibling, r = Yl(a, {
			mode: "visible",
			children: r.children
		}), !(t.mode & 1) && (r.lanes = n), r.return = t, r.sibling = null, e !== null && (n = t.deletions, n === null ? (t.deletions = [e], t.flags |= 16) : n.push(e)), t.child = r, t.memoizedState = null, r;
	}
	function Zs(e, t) {
		return t = Ql({
			mode: "visible",
			children: t
		}, e.mode, 0, null), t.return = e, e.child = t;
	}
	function Qs(e, t, n, r) {
		return r !== null && Pa(r), Ba(t, e.child, null, n), e = Zs(t, t.pendingProps.children), e.flags |= 2, t.memoizedState = null, e;
	}
	function $s(e, t, n, i, a, o, s) {
		if (n) return t.flags & 256 ? (t.flags &= -257, i = Ds(Error(r(422))), Qs(e, t, s, i)) : t.memoizedState === null ? (o = i.fallback, a = t.mode, i = Ql({
			mode: "visible",
			children: i.children
		}, a, 0, null), o = Zl(o, a, s, null), o.flags |= 2, i.return = t, o.return = t, i.sibling = o, t.child = i, t.mode & 1 && Ba(t, e.child, null, s), t.child.memoizedState = Ys(s), t.memoizedState = Js, o) : (t.child = e.child, t.flags |= 128, null);
		if (!(t.mode & 1)) return Qs(e, t, s, null);
		if (a.data === "$!") {
			if (i = a.nextSibling && a.nextSibling.dataset, i) var c = i.dgst;
			return i = c, o = Error(r(419)), i = Ds(o, i, void 0), Qs(e, t, s, i);
		}
		if (c = (s & e.childLanes) !== 0, Is || c) {
			if (i = Gc, i !== null) {
				switch (s & -s) {
					case 4:
						a = 2;
						break;
					case 16:
						a = 8;
						break;
					case 64:
					case 128:
					case 256:
					case 512:
					case 1024:
					case 2048:
					case 4096:
					case 8192:
					case 16384:
					case 32768:
					case 65536:
					case 131072:
					case 262144:
					case 524288:
					case 1048576:
					case 2097152:
					case 4194304:
					case 8388608:
					case 16777216:
					case 33554432:
					case 67108864:
						a = 32;
						break;
					case 536870912:
						a = 268435456;
						break;
					default: a = 0;
				}
				a = (a & (i.suspendedLanes | s)) === 0 ? a : 0, a !== 0 && a !== o.retryLane && (o.retryLane = a, eo(e, a), hl(i, e, a, -1));
			}
			return kl(), i = Ds(Error(r(421))), Qs(e, t, s, i);
		}
		return a.data === "$?" ? (t.flags |= 128, t.child = e.child, t = Vl.bind(null, e), a._reactRetry = t, null) : (e = o.treeContext, wa = ji(a.nextSibling), Ca = t, W = !0, Ta = null, e !== null && (ma[ha++] = _a, ma[ha++] = va, ma[ha++] = ga, _a = e.id, va = e.overflow, ga = t), t = Zs(t, i.children), t.flags |= 4096, t);
	}
	function ec(e, t, n) {
		e.lanes |= t;
		var r = e.alternate;
		r !== null && (r.lanes |= t), Ja(e.return, t, n);
	}
	function tc(e, t, n, r, i) {
		var a = e.memoizedState;
		a === null ? e.memoizedState = {
			isBackwards: t,
			rendering: null,
			renderingStartTime: 0,
			last: r,
			tail: n,
			tailMode: i
		} : (a.isBackwards = t, a.rendering = null, a.renderingStartTime = 0, a.last = r, a.tail = n, a.tailMode = i);
	}
	function nc(e, t, n) {
		var r = t.pendingProps, i = r.revealOrder, a = r.tail;
		if (Ls(e, t, r.children, n), r = G.current, r & 2) r = r & 1 | 2, t.flags |= 128;
		else {
			if (e !== null && e.flags & 128) a: for (e = t.child; e !== null;) {
				if (e.tag === 13) e.memoizedState !== null && ec(e, n, t);
				else if (e.tag === 19) ec(e, n, t);
				else if (e.child !== null) {
					e.child.return = e, e = e.child;
					continue;
				}
				if (e === t) break a;
				for (; e.sibling === null;) {
					if (e.return === null || e.return === t) break a;
					e = e.return;
				}
				e.sibling.return = e.return, e = e.sibling;
			}
			r &= 1;
		}
		if (U(G, r), !(t.mode & 1)) t.memoizedState = null;
		else switch (i) {
			case "forwards":
				for (n = t.child, i = null; n !== null;) e = n.alternate, e !== null && bo(e) === null && (i = n), n = n.sibling;
				n = i, n === null ? (i = t.child, t.child = null) : (i = n.sibling, n.sibling = null), tc(t, !1, i, n, a);
				break;
			case "backwards":
				for (n = null, i = t.child, t.child = null; i !== null;) {
					if (e = i.alternate, e !== null && bo(e) === null) {
						t.child = i;
						break;
					}
					e = i.sibling, i.sibling = n, n = i, i = e;
				}
				tc(t, !0, n, null, a);
				break;
			case "together":
				tc(t, !1, null, null, void 0);
				break;
			default: t.memoizedState = null;
		}
		return t.child;
	}
	function rc(e, t) {
		!(t.mode & 1) && e !== null && (e.alternate = null, t.alternate = null, t.flags |= 2);
	}
	function ic(e, t, n) {
		if (e !== null && (t.dependencies = e.dependencies), Qc |= t.lanes, (n & t.childLanes) === 0) return null;
		if (e !== null && t.child !== e.child) throw Error(r(153));
		if (t.child !== null) {
			for (e = t.child, n = Yl(e, e.pendingProps), t.child = n, n.return = t; e.sibling !== null;) e = e.sibling, n = n.sibling = Yl(e, e.pendingProps), n.return = t;
			n.sibling = null;
		}
		return t.child;
	}
	function ac(e, t, n) {
		switch (t.tag) {
			case 3:
				Ks(t), Na();
				break;
			case 5:
				vo(t);
				break;
			case 1:
				Qi(t.type) && na(t);
				break;
			case 4:
				go(t, t.stateNode.containerInfo);
				break;
			case 10:
				var r = t.type._context, i = t.memoizedProps.value;
				U(Ha, r._currentValue), r._currentValue = i;
				break;
			case 13:
				if (r = t.memoizedState, r !== null) return r.dehydrated === null ? (n & t.child.childLanes) === 0 ? (U(G, G.current & 1), e = ic(e, t, n), e === null ? null : e.sibling) : Xs(e, t, n) : (U(G, G.current & 1), t.flags |= 128, null);
				U(G, G.current & 1);
				break;
			case 19:
				if (r = (n & t.childLanes) !== 0, e.flags & 128) {
					if (r) return nc(e, t, n);
					t.flags |= 128;
				}
				if (i = t.memoizedState, i !== null && (i.rendering = null, i.tail = null, i.lastEffect = null), U(G, G.current), r) break;
				return null;
			case 22:
			case 23: return t.lanes = 0, Vs(e, t, n);
		}
		return ic(e, t, n);
	}
	var oc = function(e, t) {
		for (var n = t.child; n !== null;) {
			if (n.tag === 5 || n.tag === 6) e.appendChild(n.stateNode);
			else if (n.tag !== 4 && n.child !== null) {
				n.child.return = n, n = n.child;
				continue;
			}
			if (n === t) break;
			for (; n.sibling === null;) {
				if (n.return === null || n.return === t) return;
				n = n.return;
			}
			n.sibling.return = n.return, n = n.sibling;
		}
	}, sc = function(e, t, n, r) {
		var i = e.memoizedProps;
		if (i !== r) {
			e = t.stateNode, ho(fo.current);
			var o = null;
			switch (n) {
				case "input":
					i = pe(e, i), r = pe(e, r), o = [];
					break;
				case "select":
					i = I({}, i, { value: void 0 }), r = I({}, r, { value: void 0 }), o = [];
					break;
				case "textarea":
					i = xe(e, i), r = xe(e, r), o = [];
					break;
				default: typeof i.onClick != "function" && typeof r.onClick == "function" && (e.onclick = xi);
			}
			Fe(n, r);
			var s;
			for (u in n = null, i) if (!r.hasOwnProperty(u) && i.hasOwnProperty(u) && i[u] != null) {
				if (u === "style") {
					var c = i[u];
					for (s in c) c.hasOwnProperty(s) && (n ||= {}, n[s] = "");
				} else u !== "dangerouslySetInnerHTML" && u !== "children" && u !== "suppressContentEditableWarning" && u !== "suppressHydrationWarning" && u !== "autoFocus" && (a.hasOwnProperty(u) ? o ||= [] : (o ||= []).push(u, null));
			}
			for (u in r) {
				var l = r[u];
				if (c = i?.[u], r.hasOwnProperty(u) && l !== c && (l != null || c != null)) {
					if (u === "style") {
						if (c) {
							for (s in c) !c.hasOwnProperty(s) || l && l.hasOwnProperty(s) || (n ||= {}, n[s] = "");
							for (s in l) l.hasOwnProperty(s) && c[s] !== l[s] && (n ||= {}, n[s] = l[s]);
						} else n || (o ||= [], o.push(u, n)), n = l;
					} else u === "dangerouslySetInnerHTML" ? (l = l ? l.__html : void 0, c = c ? c.__html : void 0, l != null && c !== l && (o ||= []).push(u, l)) : u === "children" ? typeof l != "string" && typeof l != "number" || (o ||= []).push(u, "" + l) : u !== "suppressContentEditableWarning" && u !== "suppressHydrationWarning" && (a.hasOwnProperty(u) ? (l != null && u === "onScroll" && V("scroll", e), o || c === l || (o = [])) : (o ||= []).push(u, l));
				}
			}
			n && (o ||= []).push("style", n);
			var u = o;
			(t.updateQueue = u) && (t.flags |= 4);
		}
	}, cc = function(e, t, n, r) {
		n !== r && (t.flags |= 4);
	};
	function lc(e, t) {
		if (!W) switch (e.tailMode) {
			case "hidden":
				t = e.tail;
				for (var n = null; t !== null;) t.alternate !== null && (n = t), t = t.sibling;
				n === null ? e.tail = null : n.sibling = null;
				break;
			case "collapsed":
				n = e.tail;
				for (var r = null; n !== null;) n.alternate !== null && (r = n), n = n.sibling;
				r === null ? t || e.tail === null ? e.tail = null : e.tail.sibling = null : r.sibling = null;
		}
	}
	function uc(e) {
		var t = e.alternate !== null && e.alternate.child === e.child, n = 0, r = 0;
		if (t) for (var i = e.child; i !== null;) n |= i.lanes | i.childLanes, r |= i.subtreeFlags & 14680064, r |= i.flags & 14680064, i.return = e, i = i.sibling;
		else for (i = e.child; i !== null;) n |= i.lanes | i.childLanes, r |= i.subtreeFlags, r |= i.flags, i.return = e, i = i.sibling;
		return e.subtreeFlags |= r, e.childLanes = n, t;
	}
	function dc(e, t, n) {
		var i = t.pendingProps;
		switch (Sa(t), t.tag) {
			case 2:
			case 16:
			case 15:
			case 0:
			case 11:
			case 7:
			case 8:
			case 12:
			case 9:
			case 14: return uc(t), null;
			case 1: return Qi(t.type) && $i(), uc(t), null;
			case 3: return i = t.stateNode, _o(), H(Yi), H(Ji), K(), i.pendingContext && (i.context = i.pendingContext, i.pendingContext = null), (e === null || e.child === null) && (ja(t) ? t.flags |= 4 : e === null || e.memoizedState.isDehydrated && !(t.flags & 256) || (t.flags |= 1024, Ta !== null && (yl(Ta), Ta = null))), uc(t), null;
			case 5:
				yo(t);
				var o = ho(mo.current);
				if (n = t.type, e !== null && t.stateNode != null) sc(e, t, n, i, o), e.ref !== t.ref && (t.flags |= 512, t.flags |= 2097152);
				else {
					if (!i) {
						if (t.stateNode === null) throw Error(r(166));
						return uc(t), null;
					}
					if (e = ho(fo.current), ja(t)) {
						i = t.stateNode, n = t.type;
						var s = t.memoizedProps;
						switch (i[Pi] = t, i[Fi] = s, e = !!(t.mode & 1), n) {
							case "dialog":
								V("cancel", i), V("close", i);
								break;
							case "iframe":
							case "object":
							case "embed":
								V("load", i);
								break;
							case "video":
							case "audio":
								for (o = 0; o < ii.length; o++) V(ii[o], i);
								break;
							case "source":
								V("error", i);
								break;
							case "img":
							case "image":
							case "link":
								V("error", i), V("load", i);
								break;
							case "details":
								V("toggle", i);
								break;
							case "input":
								me(i, s), V("invalid", i);
								break;
							case "select":
								i._wrapperState = { wasMultiple: !!s.multiple }, V("invalid", i);
								break;
							case "textarea": Se(i, s), V("invalid", i);
						}
						for (var c in Fe(n, s), o = null, s) if (s.hasOwnProperty(c)) {
							var l = s[c];
							c === "children" ? typeof l == "string" ? i.textContent !== l && (!0 !== s.suppressHydrationWarning && bi(i.textContent, l, e), o = ["children", l]) : typeof l == "number" && i.textContent !== "" + l && (!0 !== s.suppressHydrationWarning && bi(i.textContent, l, e), o = ["children", "" + l]) : a.hasOwnProperty(c) && l != null && c === "onScroll" && V("scroll", i);
						}
						switch (n) {
							case "input":
								ue(i), _e(i, s, !0);
								break;
							case "textarea":
								ue(i), we(i);
								break;
							case "select":
							case "option": break;
							default: typeof s.onClick == "function" && (i.onclick = xi);
						}
						i = o, t.updateQueue = i, i !== null && (t.flags |= 4);
					} else {
						c = o.nodeType === 9 ? o : o.ownerDocument, e === "http://www.w3.org/1999/xhtml" && (e = Te(n)), e === "http://www.w3.org/1999/xhtml" ? n === "script" ? (e = c.createElement("div"), e.innerHTML = "<script><\/script>", e = e.removeChild(e.firstChild)) : typeof i.is == "string" ? e = c.createElement(n, { is: i.is }) : (e = c.createElement(n), n === "select" && (c = e, i.multiple ? c.multiple = !0 : i.size && (c.size = i.size))) : e = c.createElementNS(e, n), e[Pi] = t, e[Fi] = i, oc(e, t, !1, !1), t.stateNode = e;
						a: {
							switch (c = Ie(n, i), n) {
								case "dialog":
									V("cancel", e), V("close", e), o = i;
									break;
								case "iframe":
								case "object":
								case "embed":
									V("load", e), o = i;
									break;
								case "video":
								case "audio":
									for (o = 0; o < ii.length; o++) V(ii[o], e);
									o = i;
									break;
								case "source":
									V("error", e), o = i;
									break;
								case "img":
								case "image":
								case "link":
									V("error", e), V("load", e), o = i;
									break;
								case "details":
									V("toggle", e), o = i;
									break;
								case "input":
									me(e, i), o = pe(e, i), V("invalid", e);
									break;
								case "option":
									o = i;
									break;
								case "select":
									e._wrapperState = { wasMultiple: !!i.multiple }, o = I({}, i, { value: void 0 }), V("invalid", e);
									break;
								case "textarea":
									Se(e, i), o = xe(e, i), V("invalid", e);
									break;
								default: o = i;
							}
							for (s in Fe(n, o), l = o, l) if (l.hasOwnProperty(s)) {
								var u = l[s];
								s === "style" ? Ne(e, u) : s === "dangerouslySetInnerHTML" ? (u = u ? u.__html : void 0, u != null && Oe(e, u)) : s === "children" ? typeof u == "string" ? (n !== "textarea" || u !== "") && ke(e, u) : typeof u == "number" && ke(e, "" + u) : s !== "suppressContentEditableWarning" && s !== "suppressHydrationWarning" && s !== "autoFocus" && (a.hasOwnProperty(s) ? u != null && s === "onScroll" && V("scroll", e) : u != null && S(e, s, u, c));
							}
							switch (n) {
								case "input":
									ue(e), _e(e, i, !1);
									break;
								case "textarea":
									ue(e), we(e);
									break;
								case "option":
									i.value != null && e.setAttribute("value", "" + se(i.value));
									break;
								case "select":
									e.multiple = !!i.multiple, s = i.value, s == null ? i.defaultValue != null && be(e, !!i.multiple, i.defaultValue, !0) : be(e, !!i.multiple, s, !1);
									break;
								default: typeof o.onClick == "function" && (e.onclick = xi);
							}
							switch (n) {
								case "button":
								case "input":
								case "select":
								case "textarea":
									i = !!i.autoFocus;
									break a;
								case "img":
									i = !0;
									break a;
								default: i = !1;
							}
						}
						i && (t.flags |= 4);
					}
					t.ref !== null && (t.flags |= 512, t.flags |= 2097152);
				}
				return uc(t), null;
			case 6:
				if (e && t.stateNode != null) cc(e, t, e.memoizedProps, i);
				else {
					if (typeof i != "string" && t.stateNode === null) throw Error(r(166));
					if (n = ho(mo.current), ho(fo.current), ja(t)) {
						if (i = t.stateNode, n = t.memoizedProps, i[Pi] = t, (s = i.nodeValue !== n) && (e = Ca, e !== null)) switch (e.tag) {
							case 3:
								bi(i.nodeValue, n, !!(e.mode & 1));
								break;
							case 5: !0 !== e.memoizedProps.suppressHydrationWarning && bi(i.nodeValue, n, !!(e.mode & 1));
						}
						s && (t.flags |= 4);
					} else i = (n.nodeType === 9 ? n : n.ownerDocument).createTextNode(i), i[Pi] = t, t.stateNode = i;
				}
				return uc(t), null;
			case 13:
				if (H(G), i = t.memoizedState, e === null || e.memoizedState !== null && e.memoizedState.dehydrated !== null) {
					if (W && wa !== null && t.mode & 1 && !(t.flags & 128)) Ma(), Na(), t.flags |= 98560, s = !1;
					else if (s = ja(t), i !== null && i.dehydrated !== null) {
						if (e === null) {
							if (!s) throw Error(r(318));
							if (s = t.memoizedState, s = s === null ? null : s.dehydrated, !s) throw Error(r(317));
							s[Pi] = t;
						} else Na(), !(t.flags & 128) && (t.memoizedState = null), t.flags |= 4;
						uc(t), s = !1;
					} else Ta !== null && (yl(Ta), Ta = null), s = !0;
					if (!s) return t.flags & 65536 ? t : null;
				}
				return t.flags & 128 ? (t.lanes = n, t) : (i = i !== null, i !== (e !== null && e.memoizedState !== null) && i && (t.child.flags |= 8192, t.mode & 1 && (e === null || G.current & 1 ? Xc === 0 && (Xc = 3) : kl())), t.updateQueue !== null && (t.flags |= 4), uc(t), null);
			case 4: return _o(), e === null && ui(t.stateNode.containerInfo), uc(t), null;
			case 10: return qa(t.type._context), uc(t), null;
			case 17: return Qi(t.type) && $i(), uc(t), null;
			case 19:
				if (H(G), s = t.memoizedState, s === null) return uc(t), null;
				if (i = !!(t.flags & 128), c = s.rendering, c === null) {
					if (i) lc(s, !1);
					else {
						if (Xc !== 0 || e !== null && e.flags & 128) for (e = t.child; e !== null;) {
							if (c = bo(e), c !== null) {
								for (t.flags |= 128, lc(s, !1), i = c.updateQueue, i !== null && (t.updateQueue = i, t.flags |= 4), t.subtreeFlags = 0, i = n, n = t.child; n !== null;) s = n, e = i, s.flags &= 14680066, c = s.alternate, c === null ? (s.childLanes = 0, s.lanes = e, s.child = null, s.subtreeFlags = 0, s.memoizedProps = null, s.memoizedState = null, s.updateQueue = null, s.dependencies = null, s.stateNode = null) : (s.childLanes = c.childLanes, s.lanes = c.lanes, s.child = c.child, s.subtreeFlags = 0, s.deletions = null, s.memoizedProps = c.memoizedProps, s.memoizedState = c.memoizedState, s.updateQueue = c.updateQueue, s.type = c.type, e = c.dependencies, s.dependencies = e === null ? null : {
									lanes: e.lanes,
									firstContext: e.firstContext
								}), n = n.sibling;
								return U(G, G.current & 1 | 2), t.child;
							}
							e = e.sibling;
						}
						s.tail !== null && gt() > il && (t.flags |= 128, i = !0, lc(s, !1), t.lanes = 4194304);
					}
				} else {
					if (!i) {
						if (e = bo(c), e !== null) {
							if (t.flags |= 128, i = !0, n = e.updateQueue, n !== null && (t.updateQueue = n, t.flags |= 4), lc(s, !0), s.tail === null && s.tailMode === "hidden" && !c.alternate && !W) return uc(t), null;
						} else 2 * gt() - s.renderingStartTime > il && n !== 1073741824 && (t.flags |= 128, i = !0, lc(s, !1), t.lanes = 4194304);
					}
					s.isBackwards ? (c.sibling = t.child, t.child = c) : (n = s.last, n === null ? t.child = c : n.sibling = c, s.last = c);
				}
				return s.tail === null ? (uc(t), null) : (t = s.tail, s.rendering = t, s.tail = t.sibling, s.renderingStartTime = gt(), t.sibling = null, n = G.current, U(G, i ? n & 1 | 2 : n & 1), t);
			case 22:
			case 23: return Tl(), i = t.memoizedState !== null, e !== null && e.memoizedState !== null !== i && (t.flags |= 8192), i && t.mode & 1 ? Jc & 1073741824 && (uc(t), t.subtreeFlags & 6 && (t.flags |= 8192)) : uc(t), null;
			case 24: return null;
			case 25: return null;
		}
		throw Error(r(156, t.tag));
	}
	function fc(e, t) {
		switch (Sa(t), t.tag) {
			case 1: return Qi(t.type) && $i(), e = t.flags, e & 65536 ? (t.flags = e & -65537 | 128, t) : null;
			case 3: return _o(), H(Yi), H(Ji), K(), e = t.flags, e & 65536 && !(e & 128) ? (t.flags = e & -65537 | 128, t) : null;
			case 5: return yo(t), null;
			case 13:
				if (H(G), e = t.memoizedState, e !== null && e.dehydrated !== null) {
					if (t.alternate === null) throw Error(r(340));
					Na();
				}
				return e = t.flags, e & 65536 ? (t.flags = e & -65537 | 128, t) : null;
			case 19: return H(G), null;
			case 4: return _o(), null;
			case 10: return qa(t.type._context), null;
			case 22:
			case 23: return Tl(), null;
			case 24: return null;
			default: return null;
		}
	}
	var pc = !1, mc = !1, hc = typeof WeakSet == "function" ? WeakSet : Set, J = null;
	function gc(e, t) {
		var n = e.ref;
		if (n !== null) {
			if (typeof n == "function") try {
				n(null);
			} catch (n) {
				$(e, t, n);
			}
			else n.current = null;
		}
	}
	function _c(e, t, n) {
		try {
			n();
		} catch (n) {
			$(e, t, n);
		}
	}
	var vc = !1;
	function yc(e, t) {
		if (Si = mn, e = Fr(), Ir(e)) {
			if ("selectionStart" in e) var n = {
				start: e.selectionStart,
				end: e.selectionEnd
			};
			else a: {
				n = (n = e.ownerDocument) && n.defaultView || window;
				var i = n.getSelection && n.getSelection();
				if (i && i.rangeCount !== 0) {
					n = i.anchorNode;
					var a = i.anchorOffset, o = i.focusNode;
					i = i.focusOffset;
					try {
						n.nodeType, o.nodeType;
					} catch {
						n = null;
						break a;
					}
					var s = 0, c = -1, l = -1, u = 0, d = 0, f = e, p = null;
					b: for (;;) {
						for (var m; f !== n || a !== 0 && f.nodeType !== 3 || (c = s + a), f !== o || i !== 0 && f.nodeType !== 3 || (l = s + i), f.nodeType === 3 && (s += f.nodeValue.length), (m = f.firstChild) !== null;) p = f, f = m;
						for (;;) {
							if (f === e) break b;
							if (p === n && ++u === a && (c = s), p === o && ++d === i && (l = s), (m = f.nextSibling) !== null) break;
							f = p, p = f.parentNode;
						}
						f = m;
					}
					n = c === -1 || l === -1 ? null : {
						start: c,
						end: l
					};
				} else n = null;
			}
			n ||= {
				start: 0,
				end: 0
			};
		} else n = null;
		for (Ci = {
			focusedElem: e,
			selectionRange: n
		}, mn = !1, J = t; J !== null;) if (t = J, e = t.child, t.subtreeFlags & 1028 && e !== null) e.return = t, J = e;
		else for (; J !== null;) {
			t = J;
			try {
				var h = t.alternate;
				if (t.flags & 1024) switch (t.tag) {
					case 0:
					case 11:
					case 15: break;
					case 1:
						if (h !== null) {
							var g = h.memoizedProps, _ = h.memoizedState, v = t.stateNode;
							v.__reactInternalSnapshotBeforeUpdate = v.getSnapshotBeforeUpdate(t.elementType === t.type ? g : ys(t.type, g), _);
						}
						break;
					case 3:
						var y = t.stateNode.containerInfo;
						y.nodeType === 1 ? y.textContent = "" : y.nodeType === 9 && y.documentElement && y.removeChild(y.documentElement);
						break;
					case 5:
					case 6:
					case 4:
					case 17: break;
					default: throw Error(r(163));
				}
			} catch (e) {
				$(t, t.return, e);
			}
			if (e = t.sibling, e !== null) {
				e.return = t.return, J = e;
				break;
			}
			J = t.return;
		}
		return h = vc, vc = !1, h;
	}
	function bc(e, t, n) {
		var r = t.updateQueue;
		if (r = r === null ? null : r.lastEffect, r !== null) {
			var i = r = r.next;
			do {
				if ((i.tag & e) === e) {
					var a = i.destroy;
					i.destroy = void 0, a !== void 0 && _c(t, n, a);
				}
				i = i.next;
			} while (i !== r);
		}
	}
	function xc(e, t) {
		if (t = t.updateQueue, t = t === null ? null : t.lastEffect, t !== null) {
			var n = t = t.next;
			do {
				if ((n.tag & e) === e) {
					var r = n.create;
					n.destroy = r();
				}
				n = n.next;
			} while (n !== t);
		}
	}
	function Sc(e) {
		var t = e.ref;
		if (t !== null) {
			var n = e.stateNode;
			switch (e.tag) {
				case 5:
					e = n;
					break;
				default: e = n;
			}
			typeof t == "function" ? t(e) : t.current = e;
		}
	}
	function Cc(e) {
		var t = e.alternate;
		t !== null && (e.alternate = null, Cc(t)), e.child = null, e.deletions = null, e.sibling = null, e.tag === 5 && (t = e.stateNode, t !== null && (delete t[Pi], delete t[Fi], delete t[Li], delete t[Ri], delete t[zi])), e.stateNode = null, e.return = null, e.dependencies = null, e.memoizedProps = null, e.memoizedState = null, e.pendingProps = null, e.stateNode = null, e.updateQueue = null;
	}
	function wc(e) {
		return e.tag === 5 || e.tag === 3 || e.tag === 4;
	}
	function Tc(e) {
		a: for (;;) {
			for (; e.sibling === null;) {
				if (e.return === null || wc(e.return)) return null;
				e = e.return;
			}
			for (e.sibling.return = e.return, e = e.sibling; e.tag !== 5 && e.tag !== 6 && e.tag !== 18;) {
				if (e.flags & 2 || e.child === null || e.tag === 4) continue a;
				e.child.return = e, e = e.child;
			}
			if (!(e.flags & 2)) return e.stateNode;
		}
	}
	function Ec(e, t, n) {
		var r = e.tag;
		if (r === 5 || r === 6) e = e.stateNode, t ? n.nodeType === 8 ? n.parentNode.insertBefore(e, t) : n.insertBefore(e, t) : (n.nodeType === 8 ? (t = n.parentNode, t.insertBefore(e, n)) : (t = n, t.appendChild(e)), n = n._reactRootContainer, n != null || t.onclick !== null || (t.onclick = xi));
		else if (r !== 4 && (e = e.child, e !== null)) for (Ec(e, t, n), e = e.sibling; e !== null;) Ec(e, t, n), e = e.sibling;
	}
	function Dc(e, t, n) {
		var r = e.tag;
		if (r === 5 || r === 6) e = e.stateNode, t ? n.insertBefore(e, t) : n.appendChild(e);
		else if (r !== 4 && (e = e.child, e !== null)) for (Dc(e, t, n), e = e.sibling; e !== null;) Dc(e, t, n), e = e.sibling;
	}
	var Oc = null, kc = !1;
	function Ac(e, t, n) {
		for (n = n.child; n !== null;) jc(e, t, n), n = n.sibling;
	}
	function jc(e, t, n) {
		if (wt && typeof wt.onCommitFiberUnmount == "function") try {
			wt.onCommitFiberUnmount(Ct, n);
		} catch {}
		switch (n.tag) {
			case 5: mc || gc(n, t);
			case 6:
				var r = Oc, i = kc;
				Oc = null, Ac(e, t, n), Oc = r, kc = i, Oc !== null && (kc ? (e = Oc, n = n.stateNode, e.nodeType === 8 ? e.parentNode.removeChild(n) : e.removeChild(n)) : Oc.removeChild(n.stateNode));
				break;
			case 18:
				Oc !== null && (kc ? (e = Oc, n = n.stateNode, e.nodeType === 8 ? Ai(e.parentNode, n) : e.nodeType === 1 && Ai(e, n), fn(e)) : Ai(Oc, n.stateNode));
				break;
			case 4:
				r = Oc, i = kc, Oc = n.stateNode.containerInfo, kc = !0, Ac(e, t, n), Oc = r, kc = i;
				break;
			case 0:
			case 11:
			case 14:
			case 15:
				if (!mc && (r = n.updateQueue, r !== null && (r = r.lastEffect, r !== null))) {
					i = r = r.next;
					do {
						var a = i, o = a.destroy;
						a = a.tag, o !== void 0 && (a & 2 || a & 4) && _c(n, t, o), i = i.next;
					} while (i !== r);
				}
				Ac(e, t, n);
				break;
			case 1:
				if (!mc && (gc(n, t), r = n.stateNode, typeof r.componentWillUnmount == "function")) try {
					r.props = n.memoizedProps, r.state = n.memoizedState, r.componentWillUnmount();
				} catch (e) {
					$(n, t, e);
				}
				Ac(e, t, n);
				break;
			case 21:
				Ac(e, t, n);
				break;
			case 22:
				n.mode & 1 ? (mc = (r = mc) || n.memoizedState !== null, Ac(e, t, n), mc = r) : Ac(e, t, n);
				break;
			default: Ac(e, t, n);
		}
	}
	function Mc(e) {
		var t = e.updateQueue;
		if (t !== null) {
			e.updateQueue = null;
			var n = e.stateNode;
			n === null && (n = e.stateNode = new hc()), t.forEach(function(t) {
				var r = Hl.bind(null, e, t);
				n.has(t) || (n.add(t), t.then(r, r));
			});
		}
	}
	function Nc(e, t) {
		var n = t.deletions;
		if (n !== null) for (var i = 0; i < n.length; i++) {
			var a = n[i];
			try {
				var o = e, s = t, c = s;
				a: for (; c !== null;) {
					switch (c.tag) {
						case 5:
							Oc = c.stateNode, kc = !1;
							break a;
						case 3:
							Oc = c.stateNode.containerInfo, kc = !0;
							break a;
						case 4:
							Oc = c.stateNode.containerInfo, kc = !0;
							break a;
					}
					c = c.return;
				}
				if (Oc === null) throw Error(r(160));
				jc(o, s, a), Oc = null, kc = !1;
				var l = a.alternate;
				l !== null && (l.return = null), a.return = null;
			} catch (e) {
				$(a, t, e);
			}
		}
		if (t.subtreeFlags & 12854) for (t = t.child; t !== null;) Pc(t, e), t = t.sibling;
	}
	function Pc(e, t) {
		var n = e.alternate, i = e.flags;
		switch (e.tag) {
			case 0:
			case 11:
			case 14:
			case 15:
				if (Nc(t, e), Fc(e), i & 4) {
					try {
						bc(3, e, e.return), xc(3, e);
					} catch (t) {
						$(e, e.return, t);
					}
					try {
						bc(5, e, e.return);
					} catch (t) {
						$(e, e.return, t);
					}
				}
				break;
			case 1:
				Nc(t, e), Fc(e), i & 512 && n !== null && gc(n, n.return);
				break;
			case 5:
				if (Nc(t, e), Fc(e), i & 512 && n !== null && gc(n, n.return), e.flags & 32) {
					var a = e.stateNode;
					try {
						ke(a, "");
					} catch (t) {
						$(e, e.return, t);
					}
				}
				if (i & 4 && (a = e.stateNode, a != null)) {
					var o = e.memoizedProps, s = n === null ? o : n.memoizedProps, c = e.type, l = e.updateQueue;
					if (e.updateQueue = null, l !== null) try {
						c === "input" && o.type === "radio" && o.name != null && he(a, o), Ie(c, s);
						var u = Ie(c, o);
						for (s = 0; s < l.length; s += 2) {
							var d = l[s], f = l[s + 1];
							d === "style" ? Ne(a, f) : d === "dangerouslySetInnerHTML" ? Oe(a, f) : d === "children" ? ke(a, f) : S(a, d, f, u);
						}
						switch (c) {
							case "input":
								ge(a, o);
								break;
							case "textarea":
								Ce(a, o);
								break;
							case "select":
								var p = a._wrapperState.wasMultiple;
								a._wrapperState.wasMultiple = !!o.multiple;
								var m = o.value;
								m == null ? p !== !!o.multiple && (o.defaultValue == null ? be(a, !!o.multiple, o.multiple ? [] : "", !1) : be(a, !!o.multiple, o.defaultValue, !0)) : be(a, !!o.multiple, m, !1);
						}
						a[Fi] = o;
					} catch (t) {
						$(e, e.return, t);
					}
				}
				break;
			case 6:
				if (Nc(t, e), Fc(e), i & 4) {
					if (e.stateNode === null) throw Error(r(162));
					a = e.stateNode, o = e.memoizedProps;
					try {
						a.nodeValue = o;
					} catch (t) {
						$(e, e.return, t);
					}
				}
				break;
			case 3:
				if (Nc(t, e), Fc(e), i & 4 && n !== null && n.memoizedState.isDehydrated) try {
					fn(t.containerInfo);
				} catch (t) {
					$(e, e.return, t);
				}
				break;
			case 4:
				Nc(t, e), Fc(e);
				break;
			case 13:
				Nc(t, e), Fc(e), a = e.child, a.flags & 8192 && (o = a.memoizedState !== null, a.stateNode.isHidden = o, !o || a.alternate !== null && a.alternate.memoizedState !== null || (rl = gt())), i & 4 && Mc(e);
				break;
			case 22:
				if (d = n !== null && n.memoizedState !== null, e.mode & 1 ? (mc = (u = mc) || d, Nc(t, e), mc = u) : Nc(t, e), Fc(e), i & 8192) {
					if (u = e.memoizedState !== null, (e.stateNode.isHidden = u) && !d && e.mode & 1) for (J = e, d = e.child; d !== null;) {
						for (f = J = d; J !== null;) {
							switch (p = J, m = p.child, p.tag) {
								case 0:
								case 11:
								case 14:
								case 15:
									bc(4, p, p.return);
									break;
								case 1:
									gc(p, p.return);
									var h = p.stateNode;
									if (typeof h.componentWillUnmount == "function") {
										i = p, n = p.return;
										try {
											t = i, h.props = t.memoizedProps, h.state = t.memoizedState, h.componentWillUnmount();
										} catch (e) {
											$(i, n, e);
										}
									}
									break;
								case 5:
									gc(p, p.return);
									break;
								case 22: if (p.memoizedState !== null) {
									zc(f);
									continue;
								}
							}
							m === null ? zc(f) : (m.return = p, J = m);
						}
						d = d.sibling;
					}
					a: for (d = null, f = e;;) {
						if (f.tag === 5) {
							if (d === null) {
								d = f;
								try {
									a = f.stateNode, u ? (o = a.style, typeof o.setProperty == "function" ? o.setProperty("display", "none", "important") : o.display = "none") : (c = f.stateNode, l = f.memoizedProps.style, s = l != null && l.hasOwnProperty("display") ? l.display : null, c.style.display = Me("display", s));
								} catch (t) {
									$(e, e.return, t);
								}
							}
						} else if (f.tag === 6) {
							if (d === null) try {
								f.stateNode.nodeValue = u ? "" : f.memoizedProps;
							} catch (t) {
								$(e, e.return, t);
							}
						} else if ((f.tag !== 22 && f.tag !== 23 || f.memoizedState === null || f === e) && f.child !== null) {
							f.child.return = f, f = f.child;
							continue;
						}
						if (f === e) break a;
						for (; f.sibling === null;) {
							if (f.return === null || f.return === e) break a;
							d === f && (d = null), f = f.return;
						}
						d === f && (d = null), f.sibling.return = f.return, f = f.sibling;
					}
				}
				break;
			case 19:
				Nc(t, e), Fc(e), i & 4 && Mc(e);
				break;
			case 21: break;
			default: Nc(t, e), Fc(e);
		}
	}
	function Fc(e) {
		var t = e.flags;
		if (t & 2) {
			try {
				a: {
					for (var n = e.return; n !== null;) {
						if (wc(n)) {
							var i = n;
							break a;
						}
						n = n.return;
					}
					throw Error(r(160));
				}
				switch (i.tag) {
					case 5:
						var a = i.stateNode;
						i.flags & 32 && (ke(a, ""), i.flags &= -33), Dc(e, Tc(e), a);
						break;
					case 3:
					case 4:
						var o = i.stateNode.containerInfo;
						Ec(e, Tc(e), o);
						break;
					default: throw Error(r(161));
				}
			} catch (t) {
				$(e, e.return, t);
			}
			e.flags &= -3;
		}
		t & 4096 && (e.flags &= -4097);
	}
	function Ic(e, t, n) {
		J = e, Lc(e, t, n);
	}
	function Lc(e, t, n) {
		for (var r = !!(e.mode & 1); J !== null;) {
			var i = J, a = i.child;
			if (i.tag === 22 && r) {
				var o = i.memoizedState !== null || pc;
				if (!o) {
					var s = i.alternate, c = s !== null && s.memoizedState !== null || mc;
					s = pc;
					var l = mc;
					if (pc = o, (mc = c) && !l) for (J = i; J !== null;) o = J, c = o.child, o.tag === 22 && o.memoizedState !== null || c === null ? Bc(i) : (c.return = o, J = c);
					for (; a !== null;) J = a, Lc(a, t, n), a = a.sibling;
					J = i, pc = s, mc = l;
				}
				Rc(e, t, n);
			} else i.subtreeFlags & 8772 && a !== null ? (a.return = i, J = a) : Rc(e, t, n);
		}
	}
	function Rc(e) {
		for (; J !== null;) {
			var t = J;
			if (t.flags & 8772) {
				var n = t.alternate;
				try {
					if (t.flags & 8772) switch (t.tag) {
						case 0:
						case 11:
						case 15:
							mc || xc(5, t);
							break;
						case 1:
							var i = t.stateNode;
							if (t.flags & 4 && !mc) {
								if (n === null) i.componentDidMount();
								else {
									var a = t.elementType === t.type ? n.memoizedProps : ys(t.type, n.memoizedProps);
									i.componentDidUpdate(a, n.memoizedState, i.__reactInternalSnapshotBeforeUpdate);
								}
							}
							var o = t.updateQueue;
							o !== null && lo(t, o, i);
							break;
						case 3:
							var s = t.updateQueue;
							if (s !== null) {
								if (n = null, t.child !== null) switch (t.child.tag) {
									case 5:
										n = t.child.stateNode;
										break;
									case 1: n = t.child.stateNode;
								}
								lo(t, s, n);
							}
							break;
						case 5:
							var c = t.stateNode;
							if (n === null && t.flags & 4) {
								n = c;
								var l = t.memoizedProps;
								switch (t.type) {
									case "button":
									case "input":
									case "select":
									case "textarea":
										l.autoFocus && n.focus();
										break;
									case "img": l.src && (n.src = l.src);
								}
							}
							break;
						case 6: break;
						case 4: break;
						case 12: break;
						case 13:
							if (t.memoizedState === null) {
								var u = t.alternate;
								if (u !== null) {
									var d = u.memoizedState;
									if (d !== null) {
										var f = d.dehydrated;
										f !== null && fn(f);
									}
								}
							}
							break;
						case 19:
						case 17:
						case 21:
						case 22:
						case 23:
						case 25: break;
						default: throw Error(r(163));
					}
					mc || t.flags & 512 && Sc(t);
				} catch (e) {
					$(t, t.return, e);
				}
			}
			if (t === e) {
				J = null;
				break;
			}
			if (n = t.sibling, n !== null) {
				n.return = t.return, J = n;
				break;
			}
			J = t.return;
		}
	}
	function zc(e) {
		for (; J !== null;) {
			var t = J;
			if (t === e) {
				J = null;
				break;
			}
			var n = t.sibling;
			if (n !== null) {
				n.return = t.return, J = n;
				break;
			}
			J = t.return;
		}
	}
	function Bc(e) {
		for (; J !== null;) {
			var t = J;
			try {
				switch (t.tag) {
					case 0:
					case 11:
					case 15:
						var n = t.return;
						try {
							xc(4, t);
						} catch (e) {
							$(t, n, e);
						}
						break;
					case 1:
						var r = t.stateNode;
						if (typeof r.componentDidMount == "function") {
							var i = t.return;
							try {
								r.componentDidMount();
							} catch (e) {
								$(t, i, e);
							}
						}
						var a = t.return;
						try {
							Sc(t);
						} catch (e) {
							$(t, a, e);
						}
						break;
					case 5:
						var o = t.return;
						try {
							Sc(t);
						} catch (e) {
							$(t, o, e);
						}
				}
			} catch (e) {
				$(t, t.return, e);
			}
			if (t === e) {
				J = null;
				break;
			}
			var s = t.sibling;
			if (s !== null) {
				s.return = t.return, J = s;
				break;
			}
			J = t.return;
		}
	}
	var Vc = Math.ceil, Hc = C.ReactCurrentDispatcher, Uc = C.ReactCurrentOwner, Wc = C.ReactCurrentBatchConfig, Y = 0, Gc = null, Kc = null, qc = 0, Jc = 0, Yc = Ki(0), Xc = 0, Zc = null, Qc = 0, $c = 0, el = 0, tl = null, nl = null, rl = 0, il = Infinity, al = null, ol = !1, sl = null, X = null, cl = !1, ll = null, ul = 0, dl = 0, Z = null, Q = -1, fl = 0;
	function pl() {
		return Y & 6 ? gt() : Q === -1 ? Q = gt() : Q;
	}
	function ml(e) {
		return e.mode & 1 ? Y & 2 && qc !== 0 ? qc & -qc : Fa.transition === null ? (e = B, e === 0 && (e = window.event, e = e === void 0 ? 16 : bn(e.type)), e) : (fl === 0 && (fl = Lt()), fl) : 1;
	}
	function hl(e, t, n, i) {
		if (50 < dl) throw dl = 0, Z = null, Error(r(185));
		zt(e, n, i), Y & 2 && e === Gc || (e === Gc && (!(Y & 2) && ($c |= n), Xc === 4 && xl(e, qc)), gl(e, i), n === 1 && Y === 0 && !(t.mode & 1) && (il = gt() + 500, aa && la()));
	}
	function gl(e, t) {
		var n = e.callbackNode;
		Ft(e, t);
		var r = Nt(e, e === Gc ? qc : 0);
		if (r === 0) n !== null && pt(n), e.callbackNode = null, e.callbackPriority = 0;
		else if (t = r & -r, e.callbackPriority !== t) {
			if (n != null && pt(n), t === 1) e.tag === 0 ? ca(Sl.bind(null, e)) : sa(Sl.bind(null, e)), Oi(function() {
				!(Y & 6) && la();
			}), n = null;
			else {
				switch (Ht(r)) {
					case 1:
						n = vt;
						break;
					case 4:
						n = yt;
						break;
					case 16:
						n = bt;
						break;
					case 536870912:
						n = St;
						break;
					default: n = bt;
				}
				n = Wl(n, _l.bind(null, e));
			}
			e.callbackPriority = t, e.callbackNode = n;
		}
	}
	function _l(e, t) {
		if (Q = -1, fl = 0, Y & 6) throw Error(r(327));
		var n = e.callbackNode;
		if (Ll() && e.callbackNode !== n) return null;
		var i = Nt(e, e === Gc ? qc : 0);
		if (i === 0) return null;
		if (i & 30 || (i & e.expiredLanes) !== 0 || t) t = Al(e, i);
		else {
			t = i;
			var a = Y;
			Y |= 2;
			var o = Ol();
			(Gc !== e || qc !== t) && (al = null, il = gt() + 500, El(e, t));
			do
				try {
					Ml();
					break;
				} catch (t) {
					Dl(e, t);
				}
			while (1);
			Ka(), Hc.current = o, Y = a, Kc === null ? (Gc = null, qc = 0, t = Xc) : t = 0;
		}
		if (t !== 0) {
			if (t === 2 && (a = It(e), a !== 0 && (i = a, t = vl(e, a))), t === 1) throw n = Zc, El(e, 0), xl(e, i), gl(e, gt()), n;
			if (t === 6) xl(e, i);
			else {
				if (a = e.current.alternate, !(i & 30) && !bl(a) && (t = Al(e, i), t === 2 && (o = It(e), o !== 0 && (i = o, t = vl(e, o))), t === 1)) throw n = Zc, El(e, 0), xl(e, i), gl(e, gt()), n;
				switch (e.finishedWork = a, e.finishedLanes = i, t) {
					case 0:
					case 1: throw Error(r(345));
					case 2:
						Fl(e, nl, al);
						break;
					case 3:
						if (xl(e, i), (i & 130023424) === i && (t = rl + 500 - gt(), 10 < t)) {
							if (Nt(e, 0) !== 0) break;
							if (a = e.suspendedLanes, (a & i) !== i) {
								pl(), e.pingedLanes |= e.suspendedLanes & a;
								break;
							}
							e.timeoutHandle = Ti(Fl.bind(null, e, nl, al), t);
							break;
						}
						Fl(e, nl, al);
						break;
					case 4:
						if (xl(e, i), (i & 4194240) === i) break;
						for (t = e.eventTimes, a = -1; 0 < i;) {
							var s = 31 - Et(i);
							o = 1 << s, s = t[s], s > a && (a = s), i &= ~o;
						}
						if (i = a, i = gt() - i, i = (120 > i ? 120 : 480 > i ? 480 : 1080 > i ? 1080 : 1920 > i ? 1920 : 3e3 > i ? 3e3 : 4320 > i ? 4320 : 1960 * Vc(i / 1960)) - i, 10 < i) {
							e.timeoutHandle = Ti(Fl.bind(null, e, nl, al), i);
							break;
						}
						Fl(e, nl, al);
						break;
					case 5:
						Fl(e, nl, al);
						break;
					default: throw Error(r(329));
				}
			}
		}
		return gl(e, gt()), e.callbackNode === n ? _l.bind(null, e) : null;
	}
	function vl(e, t) {
		var n = tl;
		return e.current.memoizedState.isDehydrated && (El(e, t).flags |= 256), e = Al(e, t), e !== 2 && (t = nl, nl = n, t !== null && yl(t)), e;
	}
	function yl(e) {
		nl === null ? nl = e : nl.push.apply(nl, e);
	}
	function bl(e) {
		for (var t = e;;) {
			if (t.flags & 16384) {
				var n = t.updateQueue;
				if (n !== null && (n = n.stores, n !== null)) for (var r = 0; r < n.length; r++) {
					var i = n[r], a = i.getSnapshot;
					i = i.value;
					try {
						if (!Ar(a(), i)) return !1;
					} catch {
						return !1;
					}
				}
			}
			if (n = t.child, t.subtreeFlags & 16384 && n !== null) n.return = t, t = n;
			else {
				if (t === e) break;
				for (; t.sibling === null;) {
					if (t.return === null || t.return === e) return !0;
					t = t.return;
				}
				t.sibling.return = t.return, t = t.sibling;
			}
		}
		return !0;
	}
	function xl(e, t) {
		for (t &= ~el, t &= ~$c, e.suspendedLanes |= t, e.pingedLanes &= ~t, e = e.expirationTimes; 0 < t;) {
			var n = 31 - Et(t), r = 1 << n;
			e[n] = -1, t &= ~r;
		}
	}
	function Sl(e) {
		if (Y & 6) throw Error(r(327));
		Ll();
		var t = Nt(e, 0);
		if (!(t & 1)) return gl(e, gt()), null;
		var n = Al(e, t);
		if (e.tag !== 0 && n === 2) {
			var i = It(e);
			i !== 0 && (t = i, n = vl(e, i));
		}
		if (n === 1) throw n = Zc, El(e, 0), xl(e, t), gl(e, gt()), n;
		if (n === 6) throw Error(r(345));
		return e.finishedWork = e.current.alternate, e.finishedLanes = t, Fl(e, nl, al), gl(e, gt()), null;
	}
	function Cl(e, t) {
		var n = Y;
		Y |= 1;
		try {
			return e(t);
		} finally {
			Y = n, Y === 0 && (il = gt() + 500, aa && la());
		}
	}
	function wl(e) {
		ll !== null && ll.tag === 0 && !(Y & 6) && Ll();
		var t = Y;
		Y |= 1;
		var n = Wc.transition, r = B;
		try {
			if (Wc.transition = null, B = 1, e) return e();
		} finally {
			B = r, Wc.transition = n, Y = t, !(Y & 6) && la();
		}
	}
	function Tl() {
		Jc = Yc.current, H(Yc);
	}
	function El(e, t) {
		e.finishedWork = null, e.finishedLanes = 0;
		var n = e.timeoutHandle;
		if (n !== -1 && (e.timeoutHandle = -1, Ei(n)), Kc !== null) for (n = Kc.return; n !== null;) {
			var r = n;
			switch (Sa(r), r.tag) {
				case 1:
					r = r.type.childContextTypes, r != null && $i();
					break;
				case 3:
					_o(), H(Yi), H(Ji), K();
					break;
				case 5:
					yo(r);
					break;
				case 4:
					_o();
					break;
				case 13:
					H(G);
					break;
				case 19:
					H(G);
					break;
				case 10:
					qa(r.type._context);
					break;
				case 22:
				case 23: Tl();
			}
			n = n.return;
		}
		if (Gc = e, Kc = e = Yl(e.current, null), qc = Jc = t, Xc = 0, Zc = null, el = $c = Qc = 0, nl = tl = null, Za !== null) {
			for (t = 0; t < Za.length; t++) if (n = Za[t], r = n.interleaved, r !== null) {
				n.interleaved = null;
				var i = r.next, a = n.pending;
				if (a !== null) {
					var o = a.next;
					a.next = i, r.next = o;
				}
				n.pending = r;
			}
			Za = null;
		}
		return e;
	}
	function Dl(e, t) {
		do {
			var n = Kc;
			try {
				if (Ka(), So.current = hs, Do) {
					for (var i = q.memoizedState; i !== null;) {
						var a = i.queue;
						a !== null && (a.pending = null), i = i.next;
					}
					Do = !1;
				}
				if (wo = 0, Eo = To = q = null, Oo = !1, ko = 0, Uc.current = null, n === null || n.return === null) {
					Xc = 1, Zc = t, Kc = null;
					break;
				}
				a: {
					var o = e, s = n.return, c = n, l = t;
					if (t = qc, c.flags |= 32768, typeof l == "object" && l && typeof l.then == "function") {
						var u = l, d = c, f = d.tag;
						if (!(d.mode & 1) && (f === 0 || f === 11 || f === 15)) {
							var p = d.alternate;
							p ? (d.updateQueue = p.updateQueue, d.memoizedState = p.memoizedState, d.lanes = p.lanes) : (d.updateQueue = null, d.memoizedState = null);
						}
						var m = Ns(s);
						if (m !== null) {
							m.flags &= -257, Ps(m, s, c, o, t), m.mode & 1 && Ms(o, u, t), t = m, l = u;
							var h = t.updateQueue;
							if (h === null) {
								var g = /* @__PURE__ */ new Set();
								g.add(l), t.updateQueue = g;
							} else h.add(l);
							break a;
						}
						if (!(t & 1)) {
							Ms(o, u, t), kl();
							break a;
						}
						l = Error(r(426));
					} else if (W && c.mode & 1) {
						var _ = Ns(s);
						if (_ !== null) {
							!(_.flags & 65536) && (_.flags |= 256), Ps(_, s, c, o, t), Pa(Es(l, c));
							break a;
						}
					}
					o = l = Es(l, c), Xc !== 4 && (Xc = 2), tl === null ? tl = [o] : tl.push(o), o = s;
					do {
						switch (o.tag) {
							case 3:
								o.flags |= 65536, t &= -t, o.lanes |= t;
								var v = As(o, l, t);
								so(o, v);
								break a;
							case 1:
								c = l;
								var y = o.type, b = o.stateNode;
								if (!(o.flags & 128) && (typeof y.getDerivedStateFromError == "function" || b !== null && typeof b.componentDidCatch == "function" && (X === null || !X.has(b)))) {
									o.flags |= 65536, t &= -t, o.lanes |= t;
									var x = js(o, c, t);
									so(o, x);
									break a;
								}
						}
						o = o.return;
					} while (o !== null);
				}
				Pl(n);
			} catch (e) {
				t = e, Kc === n && n !== null && (Kc = n = n.return);
				continue;
			}
			break;
		} while (1);
	}
	function Ol() {
		var e = Hc.current;
		return Hc.current = hs, e === null ? hs : e;
	}
	function kl() {
		(Xc === 0 || Xc === 3 || Xc === 2) && (Xc = 4), Gc === null || !(Qc & 268435455) && !($c & 268435455) || xl(Gc, qc);
	}
	function Al(e, t) {
		var n = Y;
		Y |= 2;
		var i = Ol();
		(Gc !== e || qc !== t) && (al = null, El(e, t));
		do
			try {
				jl();
				break;
			} catch (t) {
				Dl(e, t);
			}
		while (1);
		if (Ka(), Y = n, Hc.current = i, Kc !== null) throw Error(r(261));
		return Gc = null, qc = 0, Xc;
	}
	function jl() {
		for (; Kc !== null;) Nl(Kc);
	}
	function Ml() {
		for (; Kc !== null && !mt();) Nl(Kc);
	}
	function Nl(e) {
		var t = Ul(e.alternate, e, Jc);
		e.memoizedProps = e.pendingProps, t === null ? Pl(e) : Kc = t, Uc.current = null;
	}
	function Pl(e) {
		var t = e;
		do {
			var n = t.alternate;
			if (e = t.return, t.flags & 32768) {
				if (n = fc(n, t), n !== null) {
					n.flags &= 32767, Kc = n;
					return;
				}
				if (e !== null) e.flags |= 32768, e.subtreeFlags = 0, e.deletions = null;
				else {
					Xc = 6, Kc = null;
					return;
				}
			} else if (n = dc(n, t, Jc), n !== null) {
				Kc = n;
				return;
			}
			if (t = t.sibling, t !== null) {
				Kc = t;
				return;
			}
			Kc = t = e;
		} while (t !== null);
		Xc === 0 && (Xc = 5);
	}
	function Fl(e, t, n) {
		var r = B, i = Wc.transition;
		try {
			Wc.transition = null, B = 1, Il(e, t, n, r);
		} finally {
			Wc.transition = i, B = r;
		}
		return null;
	}
	function Il(e, t, n, i) {
		do
			Ll();
		while (ll !== null);
		if (Y & 6) throw Error(r(327));
		n = e.finishedWork;
		var a = e.finishedLanes;
		if (n === null) return null;
		if (e.finishedWork = null, e.finishedLanes = 0, n === e.current) throw Error(r(177));
		e.callbackNode = null, e.callbackPriority = 0;
		var o = n.lanes | n.childLanes;
		if (Bt(e, o), e === Gc && (Kc = Gc = null, qc = 0), !(n.subtreeFlags & 2064) && !(n.flags & 2064) || cl || (cl = !0, Wl(bt, function() {
			return Ll(), null;
		})), o = !!(n.flags & 15990), n.subtreeFlags & 15990 || o) {
			o = Wc.transition, Wc.transition = null;
			var s = B;
			B = 1;
			var c = Y;
			Y |= 4, Uc.current = null, yc(e, n), Pc(n, e), Lr(Ci), mn = !!Si, Ci = Si = null, e.current = n, Ic(n, e, a), ht(), Y = c, B = s, Wc.transition = o;
		} else e.current = n;
		if (cl && (cl = !1, ll = e, ul = a), o = e.pendingLanes, o === 0 && (X = null), Tt(n.stateNode, i), gl(e, gt()), t !== null) for (i = e.onRecoverableError, n = 0; n < t.length; n++) a = t[n], i(a.value, {
			componentStack: a.stack,
			digest: a.digest
		});
		if (ol) throw ol = !1, e = sl, sl = null, e;
		return ul & 1 && e.tag !== 0 && Ll(), o = e.pendingLanes, o & 1 ? e === Z ? dl++ : (dl = 0, Z = e) : dl = 0, la(), null;
	}
	function Ll() {
		if (ll !== null) {
			var e = Ht(ul), t = Wc.transition, n = B;
			try {
				if (Wc.transition = null, B = 16 > e ? 16 : e, ll === null) var i = !1;
				else {
					if (e = ll, ll = null, ul = 0, Y & 6) throw Error(r(331));
					var a = Y;
					for (Y |= 4, J = e.current; J !== null;) {
						var o = J, s = o.child;
						if (J.flags & 16) {
							var c = o.deletions;
							if (c !== null) {
								for (var l = 0; l < c.length; l++) {
									var u = c[l];
									for (J = u; J !== null;) {
										var d = J;
										switch (d.tag) {
											case 0:
											case 11:
											case 15: bc(8, d, o);
										}
										var f = d.child;
										if (f !== null) f.return = d, J = f;
										else for (; J !== null;) {
											d = J;
											var p = d.sibling, m = d.return;
											if (Cc(d), d === u) {
												J = null;
												break;
											}
											if (p !== null) {
												p.return = m, J = p;
												break;
											}
											J = m;
										}
									}
								}
								var h = o.alternate;
								if (h !== null) {
									var g = h.child;
									if (g !== null) {
										h.child = null;
										do {
											var _ = g.sibling;
											g.sibling = null, g = _;
										} while (g !== null);
									}
								}
								J = o;
							}
						}
						if (o.subtreeFlags & 2064 && s !== null) s.return = o, J = s;
						else b: for (; J !== null;) {
							if (o = J, o.flags & 2048) switch (o.tag) {
								case 0:
								case 11:
								case 15: bc(9, o, o.return);
							}
							var v = o.sibling;
							if (v !== null) {
								v.return = o.return, J = v;
								break b;
							}
							J = o.return;
						}
					}
					var y = e.current;
					for (J = y; J !== null;) {
						s = J;
						var b = s.child;
						if (s.subtreeFlags & 2064 && b !== null) b.return = s, J = b;
						else b: for (s = y; J !== null;) {
							if (c = J, c.flags & 2048) try {
								switch (c.tag) {
									case 0:
									case 11:
									case 15: xc(9, c);
								}
							} catch (e) {
								$(c, c.return, e);
							}
							if (c === s) {
								J = null;
								break b;
							}
							var x = c.sibling;
							if (x !== null) {
								x.return = c.return, J = x;
								break b;
							}
							J = c.return;
						}
					}
					if (Y = a, la(), wt && typeof wt.onPostCommitFiberRoot == "function") try {
						wt.onPostCommitFiberRoot(Ct, e);
					} catch {}
					i = !0;
				}
				return i;
			} finally {
				B = n, Wc.transition = t;
			}
		}
		return !1;
	}
	function Rl(e, t, n) {
		t = Es(n, t), t = As(e, t, 1), e = ao(e, t, 1), t = pl(), e !== null && (zt(e, 1, t), gl(e, t));
	}
	function $(e, t, n) {
		if (e.tag === 3) Rl(e, e, n);
		else for (; t !== null;) {
			if (t.tag === 3) {
				Rl(t, e, n);
				break;
			}
			if (t.tag === 1) {
				var r = t.stateNode;
				if (typeof t.type.getDerivedStateFromError == "function" || typeof r.componentDidCatch == "function" && (X === null || !X.has(r))) {
					e = Es(n, e), e = js(t, e, 1), t = ao(t, e, 1), e = pl(), t !== null && (zt(t, 1, e), gl(t, e));
					break;
				}
			}
			t = t.return;
		}
	}
	function zl(e, t, n) {
		var r = e.pingCache;
		r !== null && r.delete(t), t = pl(), e.pingedLanes |= e.suspendedLanes & n, Gc === e && (qc & n) === n && (Xc === 4 || Xc === 3 && (qc & 130023424) === qc && 500 > gt() - rl ? El(e, 0) : el |= n), gl(e, t);
	}
	function Bl(e, t) {
		t === 0 && (e.mode & 1 ? (t = jt, jt <<= 1, !(jt & 130023424) && (jt = 4194304)) : t = 1);
		var n = pl();
		e = eo(e, t), e !== null && (zt(e, t, n), gl(e, n));
	}
	function Vl(e) {
		var t = e.memoizedState, n = 0;
		t !== null && (n = t.retryLane), Bl(e, n);
	}
	function Hl(e, t) {
		var n = 0;
		switch (e.tag) {
			case 13:
				var i = e.stateNode, a = e.memoizedState;
				a !== null && (n = a.retryLane);
				break;
			case 19:
				i = e.stateNode;
				break;
			default: throw Error(r(314));
		}
		i !== null && i.delete(t), Bl(e, n);
	}
	var Ul = function(e, t, n) {
		if (e !== null) {
			if (e.memoizedProps !== t.pendingProps || Yi.current) Is = !0;
			else {
				if ((e.lanes & n) === 0 && !(t.flags & 128)) return Is = !1, ac(e, t, n);
				Is = !!(e.flags & 131072);
			}
		} else Is = !1, W && t.flags & 1048576 && ba(t, pa, t.index);
		switch (t.lanes = 0, t.tag) {
			case 2:
				var i = t.type;
				rc(e, t), e = t.pendingProps;
				var a = Zi(t, Ji.current);
				Ya(t, n), a = No(null, t, i, e, a, n);
				var o = Po();
				return t.flags |= 1, typeof a == "object" && a && typeof a.render == "function" && a.$$typeof === void 0 ? (t.tag = 1, t.memoizedState = null, t.updateQueue = null, Qi(i) ? (o = !0, na(t)) : o = !1, t.memoizedState = a.state !== null && a.state !== void 0 ? a.state : null, no(t), a.updater = xs, t.stateNode = a, a._reactInternals = t, Ts(t, i, e, n), t = Gs(null, t, i, !0, o, n)) : (t.tag = 0, W && o && xa(t), Ls(null, t, a, n), t = t.child), t;
			case 16:
				i = t.elementType;
				a: {
					switch (rc(e, t), e = t.pendingProps, a = i._init, i = a(i._payload), t.type = i, a = t.tag = Jl(i), e = ys(i, e), a) {
						case 0:
							t = Us(null, t, i, e, n);
							break a;
						case 1:
							t = Ws(null, t, i, e, n);
							break a;
						case 11:
							t = Rs(null, t, i, e, n);
							break a;
						case 14:
							t = zs(null, t, i, ys(i.type, e), n);
							break a;
					}
					throw Error(r(306, i, ""));
				}
				return t;
			case 0: return i = t.type, a = t.pendingProps, a = t.elementType === i ? a : ys(i, a), Us(e, t, i, a, n);
			case 1: return i = t.type, a = t.pendingProps, a = t.elementType === i ? a : ys(i, a), Ws(e, t, i, a, n);
			case 3:
				a: {
					if (Ks(t), e === null) throw Error(r(387));
					i = t.pendingProps, o = t.memoizedState, a = o.element, ro(e, t), co(t, i, null, n);
					var s = t.memoizedState;
					if (i = s.element, o.isDehydrated) {
						if (o = {
							element: i,
							isDehydrated: !1,
							cache: s.cache,
							pendingSuspenseBoundaries: s.pendingSuspenseBoundaries,
							transitions: s.transitions
						}, t.updateQueue.baseState = o, t.memoizedState = o, t.flags & 256) {
							a = Es(Error(r(423)), t), t = qs(e, t, i, n, a);
							break a;
						}
						if (i !== a) {
							a = Es(Error(r(424)), t), t = qs(e, t, i, n, a);
							break a;
						}
						for (wa = ji(t.stateNode.containerInfo.firstChild), Ca = t, W = !0, Ta = null, n = Va(t, null, i, n), t.child = n; n;) n.flags = n.flags & -3 | 4096, n = n.sibling;
					} else {
						if (Na(), i === a) {
							t = ic(e, t, n);
							break a;
						}
						Ls(e, t, i, n);
					}
					t = t.child;
				}
				return t;
			case 5: return vo(t), e === null && ka(t), i = t.type, a = t.pendingProps, o = e === null ? null : e.memoizedProps, s = a.children, wi(i, a) ? s = null : o !== null && wi(i, o) && (t.flags |= 32), Hs(e, t), Ls(e, t, s, n), t.child;
			case 6: return e === null && ka(t), null;
			case 13: return Xs(e, t, n);
			case 4: return go(t, t.stateNode.containerInfo), i = t.pendingProps, e === null ? t.child = Ba(t, null, i, n) : Ls(e, t, i, n), t.child;
			case 11: return i = t.type, a = t.pendingProps, a = t.elementType === i ? a : ys(i, a), Rs(e, t, i, a, n);
			case 7: return Ls(e, t, t.pendingProps, n), t.child;
			case 8: return Ls(e, t, t.pendingProps.children, n), t.child;
			case 12: return Ls(e, t, t.pendingProps.children, n), t.child;
			case 10:
				a: {
					if (i = t.type._context, a = t.pendingProps, o = t.memoizedProps, s = a.value, U(Ha, i._currentValue), i._currentValue = s, o !== null) {
						if (Ar(o.value, s)) {
							if (o.children === a.children && !Yi.current) {
								t = ic(e, t, n);
								break a;
							}
						} else for (o = t.child, o !== null && (o.return = t); o !== null;) {
							var c = o.dependencies;
							if (c !== null) {
								s = o.child;
								for (var l = c.firstContext; l !== null;) {
									if (l.context === i) {
										if (o.tag === 1) {
											l = io(-1, n & -n), l.tag = 2;
											var u = o.updateQueue;
											if (u !== null) {
												u = u.shared;
												var d = u.pending;
												d === null ? l.next = l : (l.next = d.next, d.next = l), u.pending = l;
											}
										}
										o.lanes |= n, l = o.alternate, l !== null && (l.lanes |= n), Ja(o.return, n, t), c.lanes |= n;
										break;
									}
									l = l.next;
								}
							} else if (o.tag === 10) s = o.type === t.type ? null : o.child;
							else if (o.tag === 18) {
								if (s = o.return, s === null) throw Error(r(341));
								s.lanes |= n, c = s.alternate, c !== null && (c.lanes |= n), Ja(s, n, t), s = o.sibling;
							} else s = o.child;
							if (s !== null) s.return = o;
							else for (s = o; s !== null;) {
								if (s === t) {
									s = null;
									break;
								}
								if (o = s.sibling, o !== null) {
									o.return = s.return, s = o;
									break;
								}
								s = s.return;
							}
							o = s;
						}
					}
					Ls(e, t, a.children, n), t = t.child;
				}
				return t;
			case 9: return a = t.type, i = t.pendingProps.children, Ya(t, n), a = Xa(a), i = i(a), t.flags |= 1, Ls(e, t, i, n), t.child;
			case 14: return i = t.type, a = ys(i, t.pendingProps), a = ys(i.type, a), zs(e, t, i, a, n);
			case 15: return Bs(e, t, t.type, t.pendingProps, n);
			case 17: return i = t.type, a = t.pendingProps, a = t.elementType === i ? a : ys(i, a), rc(e, t), t.tag = 1, Qi(i) ? (e = !0, na(t)) : e = !1, Ya(t, n), Cs(t, i, a), Ts(t, i, a, n), Gs(null, t, i, !0, e, n);
			case 19: return nc(e, t, n);
			case 22: return Vs(e, t, n);
		}
		throw Error(r(156, t.tag));
	};
	function Wl(e, t) {
		return ft(e, t);
	}
	function Gl(e, t, n, r) {
		this.tag = e, this.key = n, this.sibling = this.child = this.return = this.stateNode = this.type = this.elementType = null, this.index = 0, this.ref = null, this.pendingProps = t, this.dependencies = this.memoizedState = this.updateQueue = this.memoizedProps = null, this.mode = r, this.subtreeFlags = this.flags = 0, this.deletions = null, this.childLanes = this.lanes = 0, this.alternate = null;
	}
	function Kl(e, t, n, r) {
		return new Gl(e, t, n, r);
	}
	function ql(e) {
		return e = e.prototype, !(!e || !e.isReactComponent);
	}
	function Jl(e) {
		if (typeof e == "function") return +!!ql(e);
		if (e != null) {
			if (e = e.$$typeof, e === j) return 11;
			if (e === P) return 14;
		}
		return 2;
	}
	function Yl(e, t) {
		var n = e.alternate;
		return n === null ? (n = Kl(e.tag, t, e.key, e.mode), n.elementType = e.elementType, n.type = e.type, n.stateNode = e.stateNode, n.alternate = e, e.alternate = n) : (n.pendingProps = t, n.type = e.type, n.flags = 0, n.subtreeFlags = 0, n.deletions = null), n.flags = e.flags & 14680064, n.childLanes = e.childLanes, n.lanes = e.lanes, n.child = e.child, n.memoizedProps = e.memoizedProps, n.memoizedState = e.memoizedState, n.updateQueue = e.updateQueue, t = e.dependencies, n.dependencies = t === null ? null : {
			lanes: t.lanes,
			firstContext: t.firstContext
		}, n.sibling = e.sibling, n.index = e.index, n.ref = e.ref, n;
	}
	function Xl(e, t, n, i, a, o) {
		var s = 2;
		if (i = e, typeof e == "function") ql(e) && (s = 1);
		else if (typeof e == "string") s = 5;
		else a: switch (e) {
			case E: return Zl(n.children, a, o, t);
			case D:
				s = 8, a |= 8;
				break;
			case O: return e = Kl(12, n, t, a | 2), e.elementType = O, e.lanes = o, e;
			case M: return e = Kl(13, n, t, a), e.elementType = M, e.lanes = o, e;
			case N: return e = Kl(19, n, t, a), e.elementType = N, e.lanes = o, e;
			case ee: return Ql(n, a, o, t);
			default:
				if (typeof e == "object" && e) switch (e.$$typeof) {
					case k:
						s = 10;
						break a;
					case A:
						s = 9;
						break a;
					case j:
						s = 11;
						break a;
					case P:
						s = 14;
						break a;
					case F:
						s = 16, i = null;
						break a;
				}
				throw Error(r(130, e == null ? e : typeof e, ""));
		}
		return t = Kl(s, n, t, a), t.elementType = e, t.type = i, t.lanes = o, t;
	}
	function Zl(e, t, n, r) {
		return e = Kl(7, e, r, t), e.lanes = n, e;
	}
	function Ql(e, t, n, r) {
		return e = Kl(22, e, r, t), e.elementType = ee, e.lanes = n, e.stateNode = { isHidden: !1 }, e;
	}
	function $l(e, t, n) {
		return e = Kl(6, e, null, t), e.lanes = n, e;
	}
	function eu(e, t, n) {
		return t = Kl(4, e.children === null ? [] : e.children, e.key, t), t.lanes = n, t.stateNode = {
			containerInfo: e.containerInfo,
			pendingChildren: null,
			implementation: e.implementation
		}, t;
	}
	function tu(e, t, n, r, i) {
		this.tag = t, this.containerInfo = e, this.finishedWork = this.pingCache = this.current = this.pendingChildren = null, this.timeoutHandle = -1, this.callbackNode = this.pendingContext = this.context = null, this.callbackPriority = 0, this.eventTimes = Rt(0), this.expirationTimes = Rt(-1), this.entangledLanes = this.finishedLanes = this.mutableReadLanes = this.expiredLanes = this.pingedLanes = this.suspendedLanes = this.pendingLanes = 0, this.entanglements = Rt(0), this.identifierPrefix = r, this.onRecoverableError = i, this.mutableSourceEagerHydrationData = null;
	}
	function nu(e, t, n, r, i, a, o, s, c) {
		return e = new tu(e, t, n, s, c), t === 1 ? (t = 1, !0 === a && (t |= 8)) : t = 0, a = Kl(3, null, null, t), e.current = a, a.stateNode = e, a.memoizedState = {
			element: r,
			isDehydrated: n,
			cache: null,
			transitions: null,
			pendingSuspenseBoundaries: null
		}, no(a), e;
	}
	function ru(e, t, n) {
		var r = 3 < arguments.length && arguments[3] !== void 0 ? arguments[3] : null;
		return {
			$$typeof: T,
			key: r == null ? null : "" + r,
			children: e,
			containerInfo: t,
			implementation: n
		};
	}
	function iu(e) {
		if (!e) return qi;
		e = e._reactInternals;
		a: {
			if (ot(e) !== e || e.tag !== 1) throw Error(r(170));
			var t = e;
			do {
				switch (t.tag) {
					case 3:
						t = t.stateNode.context;
						break a;
					case 1: if (Qi(t.type)) {
						t = t.stateNode.__reactInternalMemoizedMergedChildContext;
						break a;
					}
				}
				t = t.return;
			} while (t !== null);
			throw Error(r(171));
		}
		if (e.tag === 1) {
			var n = e.type;
			if (Qi(n)) return ta(e, n, t);
		}
		return t;
	}
	function au(e, t, n, r, i, a, o, s, c) {
		return e = nu(n, r, !0, e, i, a, o, s, c), e.context = iu(null), n = e.current, r = pl(), i = ml(n), a = io(r, i), a.callback = t ?? null, ao(n, a, i), e.current.lanes = i, zt(e, i, r), gl(e, r), e;
	}
	function ou(e, t, n, r) {
		var i = t.current, a = pl(), o = ml(i);
		return n = iu(n), t.context === null ? t.context = n : t.pendingContext = n, t = io(a, o), t.payload = { element: e }, r = r === void 0 ? null : r, r !== null && (t.callback = r), e = ao(i, t, o), e !== null && (hl(e, i, o, a), oo(e, i, o)), o;
	}
	function su(e) {
		if (e = e.current, !e.child) return null;
		switch (e.child.tag) {
			case 5: return e.child.stateNode;
			default: return e.child.stateNode;
		}
	}
	function cu(e, t) {
		if (e = e.memoizedState, e !== null && e.dehydrated !== null) {
			var n = e.retryLane;
			e.retryLane = n !== 0 && n < t ? n : t;
		}
	}
	function lu(e, t) {
		cu(e, t), (e = e.alternate) && cu(e, t);
	}
	function uu() {
		return null;
	}
	var du = typeof reportError == "function" ? reportError : function(e) {
		console.error(e);
	};
	function fu(e) {
		this._internalRoot = e;
	}
	pu.prototype.render = fu.prototype.render = function(e) {
		var t = this._internalRoot;
		if (t === null) throw Error(r(409));
		ou(e, t, null, null);
	}, pu.prototype.unmount = fu.prototype.unmount = function() {
		var e = this._internalRoot;
		if (e !== null) {
			this._internalRoot = null;
			var t = e.containerInfo;
			wl(function() {
				ou(null, e, null, null);
			}), t[Ii] = null;
		}
	};
	function pu(e) {
		this._internalRoot = e;
	}
	pu.prototype.unstable_scheduleHydration = function(e) {
		if (e) {
			var t = Kt();
			e = {
				blockedOn: null,
				target: e,
				priority: t
			};
			for (var n = 0; n < tn.length && t !== 0 && t < tn[n].priority; n++);
			tn.splice(n, 0, e), n === 0 && sn(e);
		}
	};
	function mu(e) {
		return !(!e || e.nodeType !== 1 && e.nodeType !== 9 && e.nodeType !== 11);
	}
	function hu(e) {
		return !(!e || e.nodeType !== 1 && e.nodeType !== 9 && e.nodeType !== 11 && (e.nodeType !== 8 || e.nodeValue !== " react-mount-point-unstable "));
	}
	function gu() {}
	function _u(e, t, n, r, i) {
		if (i) {
			if (typeof r == "function") {
				var a = r;
				r = function() {
					var e = su(o);
					a.call(e);
				};
			}
			var o = au(t, r, e, 0, null, !1, !1, "", gu);
			return e._reactRootContainer = o, e[Ii] = o.current, ui(e.nodeType === 8 ? e.parentNode : e), wl(), o;
		}
		for (; i = e.lastChild;) e.removeChild(i);
		if (typeof r == "function") {
			var s = r;
			r = function() {
				var e = su(c);
				s.call(e);
			};
		}
		var c = nu(e, 0, !1, null, null, !1, !1, "", gu);
		return e._reactRootContainer = c, e[Ii] = c.current, ui(e.nodeType === 8 ? e.parentNode : e), wl(function() {
			ou(t, c, n, r);
		}), c;
	}
	function vu(e, t, n, r, i) {
		var a = n._reactRootContainer;
		if (a) {
			var o = a;
			if (typeof i == "function") {
				var s = i;
				i = function() {
					var e = su(o);
					s.call(e);
				};
			}
			ou(t, o, e, i);
		} else o = _u(n, t, e, i, r);
		return su(o);
	}
	Ut = function(e) {
		switch (e.tag) {
			case 3:
				var t = e.stateNode;
				if (t.current.memoizedState.isDehydrated) {
					var n = Mt(t.pendingLanes);
					n !== 0 && (Vt(t, n | 1), gl(t, gt()), !(Y & 6) && (il = gt() + 500, la()));
				}
				break;
			case 13: wl(function() {
				var t = eo(e, 1);
				t !== null && hl(t, e, 1, pl());
			}), lu(e, 1);
		}
	}, Wt = function(e) {
		if (e.tag === 13) {
			var t = eo(e, 134217728);
			t !== null && hl(t, e, 134217728, pl()), lu(e, 134217728);
		}
	}, Gt = function(e) {
		if (e.tag === 13) {
			var t = ml(e), n = eo(e, t);
			n !== null && hl(n, e, t, pl()), lu(e, t);
		}
	}, Kt = function() {
		return B;
	}, qt = function(e, t) {
		var n = B;
		try {
			return B = e, t();
		} finally {
			B = n;
		}
	}, ze = function(e, t, n) {
		switch (t) {
			case "input":
				if (ge(e, n), t = n.name, n.type === "radio" && t != null) {
					for (n = e; n.parentNode;) n = n.parentNode;
					for (n = n.querySelectorAll("input[name=" + JSON.stringify("" + t) + "][type=\"radio\"]"), t = 0; t < n.length; t++) {
						var i = n[t];
						if (i !== e && i.form === e.form) {
							var a = Ui(i);
							if (!a) throw Error(r(90));
							de(i), ge(i, a);
						}
					}
				}
				break;
			case "textarea":
				Ce(e, n);
				break;
			case "select": t = n.value, t != null && be(e, !!n.multiple, t, !1);
		}
	}, Ge = Cl, Ke = wl;
	var yu = {
		usingClientEntryPoint: !1,
		Events: [
			Vi,
			Hi,
			Ui,
			Ue,
			We,
			Cl
		]
	}, bu = {
		findFiberByHostInstance: Bi,
		bundleType: 0,
		version: "18.3.1",
		rendererPackageName: "react-dom"
	}, xu = {
		bundleType: bu.bundleType,
		version: bu.version,
		rendererPackageName: bu.rendererPackageName,
		rendererConfig: bu.rendererConfig,
		overrideHookState: null,
		overrideHookStateDeletePath: null,
		overrideHookStateRenamePath: null,
		overrideProps: null,
		overridePropsDeletePath: null,
		overridePropsRenamePath: null,
		setErrorHandler: null,
		setSuspenseHandler: null,
		scheduleUpdate: null,
		currentDispatcherRef: C.ReactCurrentDispatcher,
		findHostInstanceByFiber: function(e) {
			return e = ut(e), e === null ? null : e.stateNode;
		},
		findFiberByHostInstance: bu.findFiberByHostInstance || uu,
		findHostInstancesForRefresh: null,
		scheduleRefresh: null,
		scheduleRoot: null,
		setRefreshHandler: null,
		getCurrentFiber: null,
		reconcilerVersion: "18.3.1-next-f1338f8080-20240426"
	};
	if (typeof __REACT_DEVTOOLS_GLOBAL_HOOK__ < "u") {
		var Su = __REACT_DEVTOOLS_GLOBAL_HOOK__;
		if (!Su.isDisabled && Su.supportsFiber) try {
			Ct = Su.inject(xu), wt = Su;
		} catch {}
	}
	e.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED = yu, e.createPortal = function(e, t) {
		var n = 2 < arguments.length && arguments[2] !== void 0 ? arguments[2] : null;
		if (!mu(t)) throw Error(r(200));
		return ru(e, t, null, n);
	}, e.createRoot = function(e, t) {
		if (!mu(e)) throw Error(r(299));
		var n = !1, i = "", a = du;
		return t != null && (!0 === t.unstable_strictMode && (n = !0), t.identifierPrefix !== void 0 && (i = t.identifierPrefix), t.onRecoverableError !== void 0 && (a = t.onRecoverableError)), t = nu(e, 1, !1, null, null, n, !1, i, a), e[Ii] = t.current, ui(e.nodeType === 8 ? e.parentNode : e), new fu(t);
	}, e.findDOMNode = function(e) {
		if (e == null) return null;
		if (e.nodeType === 1) return e;
		var t = e._reactInternals;
		if (t === void 0) throw typeof e.render == "function" ? Error(r(188)) : (e = Object.keys(e).join(","), Error(r(268, e)));
		return e = ut(t), e = e === null ? null : e.stateNode, e;
	}, e.flushSync = function(e) {
		return wl(e);
	}, e.hydrate = function(e, t, n) {
		if (!hu(t)) throw Error(r(200));
		return vu(null, e, t, !0, n);
	}, e.hydrateRoot = function(e, t, n) {
		if (!mu(e)) throw Error(r(405));
		var i = n != null && n.hydratedSources || null, a = !1, o = "", s = du;
		if (n != null && (!0 === n.unstable_strictMode && (a = !0), n.identifierPrefix !== void 0 && (o = n.identifierPrefix), n.onRecoverableError !== void 0 && (s = n.onRecoverableError)), t = au(t, null, e, 1, n ?? null, a, !1, o, s), e[Ii] = t.current, ui(e), i) for (e = 0; e < i.length; e++) n = i[e], a = n._getVersion, a = a(n._source), t.mutableSourceEagerHydrationData == null ? t.mutableSourceEagerHydrationData = [n, a] : t.mutableSourceEagerHydrationData.push(n, a);
		return new pu(t);
	}, e.render = function(e, t, n) {
		if (!hu(t)) throw Error(r(200));
		return vu(null, e, t, !1, n);
	}, e.unmountComponentAtNode = function(e) {
		if (!hu(e)) throw Error(r(40));
		return e._reactRootContainer ? (wl(function() {
			vu(null, null, e, !1, function() {
				e._reactRootContainer = null, e[Ii] = null;
			});
		}), !0) : !1;
	}, e.unstable_batchedUpdates = Cl, e.unstable_renderSubtreeIntoContainer = function(e, t, n, i) {
		if (!hu(n)) throw Error(r(200));
		if (e == null || e._reactInternals === void 0) throw Error(r(38));
		return vu(e, t, n, !1, i);
	}, e.version = "18.3.1-next-f1338f8080-20240426";
})), m = /* @__PURE__ */ o(((e, t) => {
	function n() {
		if (typeof __REACT_DEVTOOLS_GLOBAL_HOOK__ < "u" && typeof __REACT_DEVTOOLS_GLOBAL_HOOK__.checkDCE == "function") try {
			__REACT_DEVTOOLS_GLOBAL_HOOK__.checkDCE(n);
		} catch (e) {
			console.error(e);
		}
	}
	n(), t.exports = p();
})), h = /* @__PURE__ */ o(((e) => {
	var t = m();
	e.createRoot = t.createRoot, e.hydrateRoot = t.hydrateRoot;
})), g = /* @__PURE__ */ o(((e) => {
	var t = u(), n = Symbol.for("react.element"), r = Symbol.for("react.fragment"), i = Object.prototype.hasOwnProperty, a = t.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED.ReactCurrentOwner, o = {
		key: !0,
		ref: !0,
		__self: !0,
		__source: !0
	};
	function s(e, t, r) {
		var s, c = {}, l = null, u = null;
		for (s in r !== void 0 && (l = "" + r), t.key !== void 0 && (l = "" + t.key), t.ref !== void 0 && (u = t.ref), t) i.call(t, s) && !o.hasOwnProperty(s) && (c[s] = t[s]);
		if (e && e.defaultProps) for (s in t = e.defaultProps, t) c[s] === void 0 && (c[s] = t[s]);
		return {
			$$typeof: n,
			type: e,
			key: l,
			ref: u,
			props: c,
			_owner: a.current
		};
	}
	e.Fragment = r, e.jsx = s, e.jsxs = s;
})), _ = /* @__PURE__ */ o(((e, t) => {
	t.exports = g();
})), v = /* @__PURE__ */ c(u(), 1), y = h(), b = _();
function x(e) {
	if (typeof e == "string" || typeof e == "number") return "" + e;
	let t = "";
	if (Array.isArray(e)) for (let n = 0, r; n < e.length; n++) (r = x(e[n])) !== "" && (t += (t && " ") + r);
	else for (let n in e) e[n] && (t += (t && " ") + n);
	return t;
}
// node_modules/d3-dispatch/dist/d3-dispatch.mjs
var S = { value: () => {} };
function C() {
	for (var e = 0, t = arguments.length, n = {}, r; e < t; ++e) {
		if (!(r = arguments[e] + "") || r in n || /[\s.]/.test(r)) throw Error("illegal type: " + r);
		n[r] = [];
	}
	return new w(n);
}
function w(e) {
	this._ = e;
}
function T(e, t) {
	return e.trim().split(/^|\s+/).map(function(e) {
		var n = "", r = e.indexOf(".");
		if (r >= 0 && (n = e.slice(r + 1), e = e.slice(0, r)), e && !t.hasOwnProperty(e)) throw Error("unknown type: " + e);
		return {
			type: e,
			name: n
		};
	});
}
w.prototype = C.prototype = {
	constructor: w,
	on: function(e, t) {
		var n = this._, r = T(e + "", n), i, a = -1, o = r.length;
		if (arguments.length < 2) {
			for (; ++a < o;) if ((i = (e = r[a]).type) && (i = E(n[i], e.name))) return i;
		} else {
			if (t != null && typeof t != "function") throw Error("invalid callback: " + t);
			for (; ++a < o;) if (i = (e = r[a]).type) n[i] = D(n[i], e.name, t);
			else if (t == null) for (i in n) n[i] = D(n[i], e.name, null);
			return this;
		}
	},
	copy: function() {
		var e = {}, t = this._;
		for (var n in t) e[n] = t[n].slice();
		return new w(e);
	},
	call: function(e, t) {
		if ((i = arguments.length - 2) > 0) for (var n = Array(i), r = 0, i, a; r < i; ++r) n[r] = arguments[r + 2];
		if (!this._.hasOwnProperty(e)) throw Error("unknown type: " + e);
		for (a = this._[e], r = 0, i = a.length; r < i; ++r) a[r].value.apply(t, n);
	},
	apply: function(e, t, n) {
		if (!this._.hasOwnProperty(e)) throw Error("unknown type: " + e);
		for (var r = this._[e], i = 0, a = r.length; i < a; ++i) r[i].value.apply(t, n);
	}
};
function E(e, t) {
	for (var n = 0, r = e.length, i; n < r; ++n) if ((i = e[n]).name === t) return i.value;
}
function D(e, t, n) {
	for (var r = 0, i = e.length; r < i; ++r) if (e[r].name === t) {
		e[r] = S, e = e.slice(0, r).concat(e.slice(r + 1));
		break;
	}
	return n != null && e.push({
		name: t,
		value: n
	}), e;
}
// node_modules/d3-selection/dist/d3-selection.mjs
var O = "http://www.w3.org/1999/xhtml", k = {
	svg: "http://www.w3.org/2000/svg",
	xhtml: O,
	xlink: "http://www.w3.org/1999/xlink",
	xml: "http://www.w3.org/XML/1998/namespace",
	xmlns: "http://www.w3.org/2000/xmlns/"
};
function A(e) {
	var t = e += "", n = t.indexOf(":");
	return n >= 0 && (t = e.slice(0, n)) !== "xmlns" && (e = e.slice(n + 1)), k.hasOwnProperty(t) ? {
		space: k[t],
		local: e
	} : e;
}
function j(e) {
	return function() {
		var t = this.ownerDocument, n = this.namespaceURI;
		return n === O && t.documentElement.namespaceURI === O ? t.createElement(e) : t.createElementNS(n, e);
	};
}
function M(e) {
	return function() {
		return this.ownerDocument.createElementNS(e.space, e.local);
	};
}
function N(e) {
	var t = A(e);
	return (t.local ? M : j)(t);
}
function P() {}
function F(e) {
	return e == null ? P : function() {
		return this.querySelector(e);
	};
}
function ee(e) {
	typeof e != "function" && (e = F(e));
	for (var t = this._groups, n = t.length, r = Array(n), i = 0; i < n; ++i) for (var a = t[i], o = a.length, s = r[i] = Array(o), c, l, u = 0; u < o; ++u) (c = a[u]) && (l = e.call(c, c.__data__, u, a)) && ("__data__" in c && (l.__data__ = c.__data__), s[u] = l);
	return new Rt(r, this._parents);
}
function te(e) {
	return e == null ? [] : Array.isArray(e) ? e : Array.from(e);
}
function ne() {
	return [];
}
function I(e) {
	return e == null ? ne : function() {
		return this.querySelectorAll(e);
	};
}
function L(e) {
	return function() {
		return te(e.apply(this, arguments));
	};
}
function R(e) {
	e = typeof e == "function" ? L(e) : I(e);
	for (var t = this._groups, n = t.length, r = [], i = [], a = 0; a < n; ++a) for (var o = t[a], s = o.length, c, l = 0; l < s; ++l) (c = o[l]) && (r.push(e.call(c, c.__data__, l, o)), i.push(c));
	return new Rt(r, i);
}
function z(e) {
	return function() {
		return this.matches(e);
	};
}
function re(e) {
	return function(t) {
		return t.matches(e);
	};
}
var ie = Array.prototype.find;
function ae(e) {
	return function() {
		return ie.call(this.children, e);
	};
}
function oe() {
	return this.firstElementChild;
}
function se(e) {
	return this.select(e == null ? oe : ae(typeof e == "function" ? e : re(e)));
}
var ce = Array.prototype.filter;
function le() {
	return Array.from(this.children);
}
function ue(e) {
	return function() {
		return ce.call(this.children, e);
	};
}
function de(e) {
	return this.selectAll(e == null ? le : ue(typeof e == "function" ? e : re(e)));
}
function fe(e) {
	typeof e != "function" && (e = z(e));
	for (var t = this._groups, n = t.length, r = Array(n), i = 0; i < n; ++i) for (var a = t[i], o = a.length, s = r[i] = [], c, l = 0; l < o; ++l) (c = a[l]) && e.call(c, c.__data__, l, a) && s.push(c);
	return new Rt(r, this._parents);
}
function pe(e) {
	return Array(e.length);
}
function me() {
	return new Rt(this._enter || this._groups.map(pe), this._parents);
}
function he(e, t) {
	this.ownerDocument = e.ownerDocument, this.namespaceURI = e.namespaceURI, this._next = null, this._parent = e, this.__data__ = t;
}
he.prototype = {
	constructor: he,
	appendChild: function(e) {
		return this._parent.insertBefore(e, this._next);
	},
	insertBefore: function(e, t) {
		return this._parent.insertBefore(e, t);
	},
	querySelector: function(e) {
		return this._parent.querySelector(e);
	},
	querySelectorAll: function(e) {
		return this._parent.querySelectorAll(e);
	}
};
function ge(e) {
	return function() {
		return e;
	};
}
function _e(e, t, n, r, i, a) {
	for (var o = 0, s, c = t.length, l = a.length; o < l; ++o) (s = t[o]) ? (s.__data__ = a[o], r[o] = s) : n[o] = new he(e, a[o]);
	for (; o < c; ++o) (s = t[o]) && (i[o] = s);
}
function ve(e, t, n, r, i, a, o) {
	var s, c, l = /* @__PURE__ */ new Map(), u = t.length, d = a.length, f = Array(u), p;
	for (s = 0; s < u; ++s) (c = t[s]) && (f[s] = p = o.call(c, c.__data__, s, t) + "", l.has(p) ? i[s] = c : l.set(p, c));
	for (s = 0; s < d; ++s) p = o.call(e, a[s], s, a) + "", (c = l.get(p)) ? (r[s] = c, c.__data__ = a[s], l.delete(p)) : n[s] = new he(e, a[s]);
	for (s = 0; s < u; ++s) (c = t[s]) && l.get(f[s]) === c && (i[s] = c);
}
function ye(e) {
	return e.__data__;
}
function be(e, t) {
	if (!arguments.length) return Array.from(this, ye);
	var n = t ? ve : _e, r = this._parents, i = this._groups;
	typeof e != "function" && (e = ge(e));
	for (var a = i.length, o = Array(a), s = Array(a), c = Array(a), l = 0; l < a; ++l) {
		var u = r[l], d = i[l], f = d.length, p = xe(e.call(u, u && u.__data__, l, r)), m = p.length, h = s[l] = Array(m), g = o[l] = Array(m);
		n(u, d, h, g, c[l] = Array(f), p, t);
		for (var _ = 0, v = 0, y, b; _ < m; ++_) if (y = h[_]) {
			for (_ >= v && (v = _ + 1); !(b = g[v]) && ++v < m;);
			y._next = b || null;
		}
	}
	return o = new Rt(o, r), o._enter = s, o._exit = c, o;
}
function xe(e) {
	return typeof e == "object" && "length" in e ? e : Array.from(e);
}
function Se() {
	return new Rt(this._exit || this._groups.map(pe), this._parents);
}
function Ce(e, t, n) {
	var r = this.enter(), i = this, a = this.exit();
	return typeof e == "function" ? (r = e(r), r &&= r.selection()) : r = r.append(e + ""), t != null && (i = t(i), i &&= i.selection()), n == null ? a.remove() : n(a), r && i ? r.merge(i).order() : i;
}
function we(e) {
	for (var t = e.selection ? e.selection() : e, n = this._groups, r = t._groups, i = n.length, a = r.length, o = Math.min(i, a), s = Array(i), c = 0; c < o; ++c) for (var l = n[c], u = r[c], d = l.length, f = s[c] = Array(d), p, m = 0; m < d; ++m) (p = l[m] || u[m]) && (f[m] = p);
	for (; c < i; ++c) s[c] = n[c];
	return new Rt(s, this._parents);
}
function Te() {
	for (var e = this._groups, t = -1, n = e.length; ++t < n;) for (var r = e[t], i = r.length - 1, a = r[i], o; --i >= 0;) (o = r[i]) && (a && o.compareDocumentPosition(a) ^ 4 && a.parentNode.insertBefore(o, a), a = o);
	return this;
}
function Ee(e) {
	e ||= De;
	function t(t, n) {
		return t && n ? e(t.__data__, n.__data__) : !t - !n;
	}
	for (var n = this._groups, r = n.length, i = Array(r), a = 0; a < r; ++a) {
		for (var o = n[a], s = o.length, c = i[a] = Array(s), l, u = 0; u < s; ++u) (l = o[u]) && (c[u] = l);
		c.sort(t);
	}
	return new Rt(i, this._parents).order();
}
function De(e, t) {
	return e < t ? -1 : e > t ? 1 : e >= t ? 0 : NaN;
}
function Oe() {
	var e = arguments[0];
	return arguments[0] = this, e.apply(null, arguments), this;
}
function ke() {
	return Array.from(this);
}
function Ae() {
	for (var e = this._groups, t = 0, n = e.length; t < n; ++t) for (var r = e[t], i = 0, a = r.length; i < a; ++i) {
		var o = r[i];
		if (o) return o;
	}
	return null;
}
function je() {
	let e = 0;
	for (let t of this) ++e;
	return e;
}
function Me() {
	return !this.node();
}
function Ne(e) {
	for (var t = this._groups, n = 0, r = t.length; n < r; ++n) for (var i = t[n], a = 0, o = i.length, s; a < o; ++a) (s = i[a]) && e.call(s, s.__data__, a, i);
	return this;
}
function Pe(e) {
	return function() {
		this.removeAttribute(e);
	};
}
function Fe(e) {
	return function() {
		this.removeAttributeNS(e.space, e.local);
	};
}
function Ie(e, t) {
	return function() {
		this.setAttribute(e, t);
	};
}
function Le(e, t) {
	return function() {
		this.setAttributeNS(e.space, e.local, t);
	};
}
function Re(e, t) {
	return function() {
		var n = t.apply(this, arguments);
		n == null ? this.removeAttribute(e) : this.setAttribute(e, n);
	};
}
function ze(e, t) {
	return function() {
		var n = t.apply(this, arguments);
		n == null ? this.removeAttributeNS(e.space, e.local) : this.setAttributeNS(e.space, e.local, n);
	};
}
function Be(e, t) {
	var n = A(e);
	if (arguments.length < 2) {
		var r = this.node();
		return n.local ? r.getAttributeNS(n.space, n.local) : r.getAttribute(n);
	}
	return this.each((t == null ? n.local ? Fe : Pe : typeof t == "function" ? n.local ? ze : Re : n.local ? Le : Ie)(n, t));
}
function Ve(e) {
	return e.ownerDocument && e.ownerDocument.defaultView || e.document && e || e.defaultView;
}
function He(e) {
	return function() {
		this.style.removeProperty(e);
	};
}
function Ue(e, t, n) {
	return function() {
		this.style.setProperty(e, t, n);
	};
}
function We(e, t, n) {
	return function() {
		var r = t.apply(this, arguments);
		r == null ? this.style.removeProperty(e) : this.style.setProperty(e, r, n);
	};
}
function Ge(e, t, n) {
	return arguments.length > 1 ? this.each((t == null ? He : typeof t == "function" ? We : Ue)(e, t, n ?? "")) : Ke(this.node(), e);
}
function Ke(e, t) {
	return e.style.getPropertyValue(t) || Ve(e).getComputedStyle(e, null).getPropertyValue(t);
}
function qe(e) {
	return function() {
		delete this[e];
	};
}
function Je(e, t) {
	return function() {
		this[e] = t;
	};
}
function Ye(e, t) {
	return function() {
		var n = t.apply(this, arguments);
		n == null ? delete this[e] : this[e] = n;
	};
}
function Xe(e, t) {
	return arguments.length > 1 ? this.each((t == null ? qe : typeof t == "function" ? Ye : Je)(e, t)) : this.node()[e];
}
function Ze(e) {
	return e.trim().split(/^|\s+/);
}
function Qe(e) {
	return e.classList || new $e(e);
}
function $e(e) {
	this._node = e, this._names = Ze(e.getAttribute("class") || "");
}
$e.prototype = {
	add: function(e) {
		this._names.indexOf(e) < 0 && (this._names.push(e), this._node.setAttribute("class", this._names.join(" ")));
	},
	remove: function(e) {
		var t = this._names.indexOf(e);
		t >= 0 && (this._names.splice(t, 1), this._node.setAttribute("class", this._names.join(" ")));
	},
	contains: function(e) {
		return this._names.indexOf(e) >= 0;
	}
};
function et(e, t) {
	for (var n = Qe(e), r = -1, i = t.length; ++r < i;) n.add(t[r]);
}
function tt(e, t) {
	for (var n = Qe(e), r = -1, i = t.length; ++r < i;) n.remove(t[r]);
}
function nt(e) {
	return function() {
		et(this, e);
	};
}
function rt(e) {
	return function() {
		tt(this, e);
	};
}
function it(e, t) {
	return function() {
		(t.apply(this, arguments) ? et : tt)(this, e);
	};
}
function at(e, t) {
	var n = Ze(e + "");
	if (arguments.length < 2) {
		for (var r = Qe(this.node()), i = -1, a = n.length; ++i < a;) if (!r.contains(n[i])) return !1;
		return !0;
	}
	return this.each((typeof t == "function" ? it : t ? nt : rt)(n, t));
}
function ot() {
	this.textContent = "";
}
function st(e) {
	return function() {
		this.textContent = e;
	};
}
function ct(e) {
	return function() {
		var t = e.apply(this, arguments);
		this.textContent = t ?? "";
	};
}
function lt(e) {
	return arguments.length ? this.each(e == null ? ot : (typeof e == "function" ? ct : st)(e)) : this.node().textContent;
}
function ut() {
	this.innerHTML = "";
}
function dt(e) {
	return function() {
		this.innerHTML = e;
	};
}
function ft(e) {
	return function() {
		var t = e.apply(this, arguments);
		this.innerHTML = t ?? "";
	};
}
function pt(e) {
	return arguments.length ? this.each(e == null ? ut : (typeof e == "function" ? ft : dt)(e)) : this.node().innerHTML;
}
function mt() {
	this.nextSibling && this.parentNode.appendChild(this);
}
function ht() {
	return this.each(mt);
}
function gt() {
	this.previousSibling && this.parentNode.insertBefore(this, this.parentNode.firstChild);
}
function _t() {
	return this.each(gt);
}
function vt(e) {
	var t = typeof e == "function" ? e : N(e);
	return this.select(function() {
		return this.appendChild(t.apply(this, arguments));
	});
}
function yt() {
	return null;
}
function bt(e, t) {
	var n = typeof e == "function" ? e : N(e), r = t == null ? yt : typeof t == "function" ? t : F(t);
	return this.select(function() {
		return this.insertBefore(n.apply(this, arguments), r.apply(this, arguments) || null);
	});
}
function xt() {
	var e = this.parentNode;
	e && e.removeChild(this);
}
function St() {
	return this.each(xt);
}
function Ct() {
	var e = this.cloneNode(!1), t = this.parentNode;
	return t ? t.insertBefore(e, this.nextSibling) : e;
}
function wt() {
	var e = this.cloneNode(!0), t = this.parentNode;
	return t ? t.insertBefore(e, this.nextSibling) : e;
}
function Tt(e) {
	return this.select(e ? wt : Ct);
}
function Et(e) {
	return arguments.length ? this.property("__data__", e) : this.node().__data__;
}
function Dt(e) {
	return function(t) {
		e.call(this, t, this.__data__);
	};
}
function Ot(e) {
	return e.trim().split(/^|\s+/).map(function(e) {
		var t = "", n = e.indexOf(".");
		return n >= 0 && (t = e.slice(n + 1), e = e.slice(0, n)), {
			type: e,
			name: t
		};
	});
}
function kt(e) {
	return function() {
		var t = this.__on;
		if (t) {
			for (var n = 0, r = -1, i = t.length, a; n < i; ++n) a = t[n], (!e.type || a.type === e.type) && a.name === e.name ? this.removeEventListener(a.type, a.listener, a.options) : t[++r] = a;
			++r ? t.length = r : delete this.__on;
		}
	};
}
function At(e, t, n) {
	return function() {
		var r = this.__on, i, a = Dt(t);
		if (r) {
			for (var o = 0, s = r.length; o < s; ++o) if ((i = r[o]).type === e.type && i.name === e.name) {
				this.removeEventListener(i.type, i.listener, i.options), this.addEventListener(i.type, i.listener = a, i.options = n), i.value = t;
				return;
			}
		}
		this.addEventListener(e.type, a, n), i = {
			type: e.type,
			name: e.name,
			value: t,
			listener: a,
			options: n
		}, r ? r.push(i) : this.__on = [i];
	};
}
function jt(e, t, n) {
	var r = Ot(e + ""), i, a = r.length, o;
	if (arguments.length < 2) {
		var s = this.node().__on;
		if (s) {
			for (var c = 0, l = s.length, u; c < l; ++c) for (i = 0, u = s[c]; i < a; ++i) if ((o = r[i]).type === u.type && o.name === u.name) return u.value;
		}
	} else {
		for (s = t ? At : kt, i = 0; i < a; ++i) this.each(s(r[i], t, n));
		return this;
	}
}
function Mt(e, t, n) {
	var r = Ve(e), i = r.CustomEvent;
	typeof i == "function" ? i = new i(t, n) : (i = r.document.createEvent("Event"), n ? (i.initEvent(t, n.bubbles, n.cancelable), i.detail = n.detail) : i.initEvent(t, !1, !1)), e.dispatchEvent(i);
}
function Nt(e, t) {
	return function() {
		return Mt(this, e, t);
	};
}
function Pt(e, t) {
	return function() {
		return Mt(this, e, t.apply(this, arguments));
	};
}
function Ft(e, t) {
	return this.each((typeof t == "function" ? Pt : Nt)(e, t));
}
function* It() {
	for (var e = this._groups, t = 0, n = e.length; t < n; ++t) for (var r = e[t], i = 0, a = r.length, o; i < a; ++i) (o = r[i]) && (yield o);
}
var Lt = [null];
function Rt(e, t) {
	this._groups = e, this._parents = t;
}
function zt() {
	return new Rt([[document.documentElement]], Lt);
}
function Bt() {
	return this;
}
Rt.prototype = zt.prototype = {
	constructor: Rt,
	select: ee,
	selectAll: R,
	selectChild: se,
	selectChildren: de,
	filter: fe,
	data: be,
	enter: me,
	exit: Se,
	join: Ce,
	merge: we,
	selection: Bt,
	order: Te,
	sort: Ee,
	call: Oe,
	nodes: ke,
	node: Ae,
	size: je,
	empty: Me,
	each: Ne,
	attr: Be,
	style: Ge,
	property: Xe,
	classed: at,
	text: lt,
	html: pt,
	raise: ht,
	lower: _t,
	append: vt,
	insert: bt,
	remove: St,
	clone: Tt,
	datum: Et,
	on: jt,
	dispatch: Ft,
	[Symbol.iterator]: It
};
function Vt(e) {
	return typeof e == "string" ? new Rt([[document.querySelector(e)]], [document.documentElement]) : new Rt([[e]], Lt);
}
var B = 0;
function Ht() {
	return new Ut();
}
function Ut() {
	this._ = "@" + (++B).toString(36);
}
Ut.prototype = Ht.prototype = {
	constructor: Ut,
	get: function(e) {
		for (var t = this._; !(t in e);) if (!(e = e.parentNode)) return;
		return e[t];
	},
	set: function(e, t) {
		return e[this._] = t;
	},
	remove: function(e) {
		return this._ in e && delete e[this._];
	},
	toString: function() {
		return this._;
	}
};
function Wt(e) {
	let t;
	for (; t = e.sourceEvent;) e = t;
	return e;
}
function Gt(e, t) {
	if (e = Wt(e), t === void 0 && (t = e.currentTarget), t) {
		var n = t.ownerSVGElement || t;
		if (n.createSVGPoint) {
			var r = n.createSVGPoint();
			return r.x = e.clientX, r.y = e.clientY, r = r.matrixTransform(t.getScreenCTM().inverse()), [r.x, r.y];
		}
		if (t.getBoundingClientRect) {
			var i = t.getBoundingClientRect();
			return [e.clientX - i.left - t.clientLeft, e.clientY - i.top - t.clientTop];
		}
	}
	return [e.pageX, e.pageY];
}
// node_modules/d3-drag/dist/d3-drag.mjs
var Kt = { passive: !1 }, qt = {
	capture: !0,
	passive: !1
};
function Jt(e) {
	e.stopImmediatePropagation();
}
function Yt(e) {
	e.preventDefault(), e.stopImmediatePropagation();
}
function Xt(e) {
	var t = e.document.documentElement, n = Vt(e).on("dragstart.drag", Yt, qt);
	"onselectstart" in t ? n.on("selectstart.drag", Yt, qt) : (t.__noselect = t.style.MozUserSelect, t.style.MozUserSelect = "none");
}
function Zt(e, t) {
	var n = e.document.documentElement, r = Vt(e).on("dragstart.drag", null);
	t && (r.on("click.drag", Yt, qt), setTimeout(function() {
		r.on("click.drag", null);
	}, 0)), "onselectstart" in n ? r.on("selectstart.drag", null) : (n.style.MozUserSelect = n.__noselect, delete n.__noselect);
}
var Qt = (e) => () => e;
function $t(e, { sourceEvent: t, subject: n, target: r, identifier: i, active: a, x: o, y: s, dx: c, dy: l, dispatch: u }) {
	Object.defineProperties(this, {
		type: {
			value: e,
			enumerable: !0,
			configurable: !0
		},
		sourceEvent: {
			value: t,
			enumerable: !0,
			configurable: !0
		},
		subject: {
			value: n,
			enumerable: !0,
			configurable: !0
		},
		target: {
			value: r,
			enumerable: !0,
			configurable: !0
		},
		identifier: {
			value: i,
			enumerable: !0,
			configurable: !0
		},
		active: {
			value: a,
			enumerable: !0,
			configurable: !0
		},
		x: {
			value: o,
			enumerable: !0,
			configurable: !0
		},
		y: {
			value: s,
			enumerable: !0,
			configurable: !0
		},
		dx: {
			value: c,
			enumerable: !0,
			configurable: !0
		},
		dy: {
			value: l,
			enumerable: !0,
			configurable: !0
		},
		_: { value: u }
	});
}
$t.prototype.on = function() {
	var e = this._.on.apply(this._, arguments);
	return e === this._ ? this : e;
};
function en(e) {
	return !e.ctrlKey && !e.button;
}
function tn() {
	return this.parentNode;
}
function nn(e, t) {
	return t ?? {
		x: e.x,
		y: e.y
	};
}
function rn() {
	return navigator.maxTouchPoints || "ontouchstart" in this;
}
function an() {
	var e = en, t = tn, n = nn, r = rn, i = {}, a = C("start", "drag", "end"), o = 0, s, c, l, u, d = 0;
	function f(e) {
		e.on("mousedown.drag", p).filter(r).on("touchstart.drag", g).on("touchmove.drag", _, Kt).on("touchend.drag touchcancel.drag", v).style("touch-action", "none").style("-webkit-tap-highlight-color", "rgba(0,0,0,0)");
	}
	function p(n, r) {
		if (!u && e.call(this, n, r)) {
			var i = y(this, t.call(this, n, r), n, r, "mouse");
			i && (Vt(n.view).on("mousemove.drag", m, qt).on("mouseup.drag", h, qt), Xt(n.view), Jt(n), l = !1, s = n.clientX, c = n.clientY, i("start", n));
		}
	}
	function m(e) {
		if (Yt(e), !l) {
			var t = e.clientX - s, n = e.clientY - c;
			l = t * t + n * n > d;
		}
		i.mouse("drag", e);
	}
	function h(e) {
		Vt(e.view).on("mousemove.drag mouseup.drag", null), Zt(e.view, l), Yt(e), i.mouse("end", e);
	}
	function g(n, r) {
		if (e.call(this, n, r)) for (var i = n.changedTouches, a = t.call(this, n, r), o = i.length, s = 0, c; s < o; ++s) (c = y(this, a, n, r, i[s].identifier, i[s])) && (Jt(n), c("start", n, i[s]));
	}
	function _(e) {
		for (var t = e.changedTouches, n = t.length, r = 0, a; r < n; ++r) (a = i[t[r].identifier]) && (Yt(e), a("drag", e, t[r]));
	}
	function v(e) {
		var t = e.changedTouches, n = t.length, r, a;
		for (u && clearTimeout(u), u = setTimeout(function() {
			u = null;
		}, 500), r = 0; r < n; ++r) (a = i[t[r].identifier]) && (Jt(e), a("end", e, t[r]));
	}
	function y(e, t, r, s, c, l) {
		var u = a.copy(), d = Gt(l || r, t), p, m, h;
		if ((h = n.call(e, new $t("beforestart", {
			sourceEvent: r,
			target: f,
			identifier: c,
			active: o,
			x: d[0],
			y: d[1],
			dx: 0,
			dy: 0,
			dispatch: u
		}), s)) != null) return p = h.x - d[0] || 0, m = h.y - d[1] || 0, function n(r, a, l) {
			var g = d, _;
			switch (r) {
				case "start":
					i[c] = n, _ = o++;
					break;
				case "end": delete i[c], --o;
				case "drag": d = Gt(l || a, t), _ = o;
			}
			u.call(r, e, new $t(r, {
				sourceEvent: a,
				subject: h,
				target: f,
				identifier: c,
				active: _,
				x: d[0] + p,
				y: d[1] + m,
				dx: d[0] - g[0],
				dy: d[1] - g[1],
				dispatch: u
			}), s);
		};
	}
	return f.filter = function(t) {
		return arguments.length ? (e = typeof t == "function" ? t : Qt(!!t), f) : e;
	}, f.container = function(e) {
		return arguments.length ? (t = typeof e == "function" ? e : Qt(e), f) : t;
	}, f.subject = function(e) {
		return arguments.length ? (n = typeof e == "function" ? e : Qt(e), f) : n;
	}, f.touchable = function(e) {
		return arguments.length ? (r = typeof e == "function" ? e : Qt(!!e), f) : r;
	}, f.on = function() {
		var e = a.on.apply(a, arguments);
		return e === a ? f : e;
	}, f.clickDistance = function(e) {
		return arguments.length ? (d = (e = +e) * e, f) : Math.sqrt(d);
	}, f;
}
// node_modules/d3-color/dist/d3-color.mjs
function on(e, t, n) {
	e.prototype = t.prototype = n, n.constructor = e;
}
function sn(e, t) {
	var n = Object.create(e.prototype);
	for (var r in t) n[r] = t[r];
	return n;
}
function cn() {}
var ln = .7, un = 1 / ln, dn = "\\s*([+-]?\\d+)\\s*", fn = "\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)\\s*", pn = "\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)%\\s*", mn = /^#([0-9a-f]{3,8})$/, hn = RegExp(`^rgb\\(${dn},${dn},${dn}\\)$`), gn = RegExp(`^rgb\\(${pn},${pn},${pn}\\)$`), _n = RegExp(`^rgba\\(${dn},${dn},${dn},${fn}\\)$`), vn = RegExp(`^rgba\\(${pn},${pn},${pn},${fn}\\)$`), yn = RegExp(`^hsl\\(${fn},${pn},${pn}\\)$`), bn = RegExp(`^hsla\\(${fn},${pn},${pn},${fn}\\)$`), xn = {
	aliceblue: 15792383,
	antiquewhite: 16444375,
	aqua: 65535,
	aquamarine: 8388564,
	azure: 15794175,
	beige: 16119260,
	bisque: 16770244,
	black: 0,
	blanchedalmond: 16772045,
	blue: 255,
	blueviolet: 9055202,
	brown: 10824234,
	burlywood: 14596231,
	cadetblue: 6266528,
	chartreuse: 8388352,
	chocolate: 13789470,
	coral: 16744272,
	cornflowerblue: 6591981,
	cornsilk: 16775388,
	crimson: 14423100,
	cyan: 65535,
	darkblue: 139,
	darkcyan: 35723,
	darkgoldenrod: 12092939,
	darkgray: 11119017,
	darkgreen: 25600,
	darkgrey: 11119017,
	darkkhaki: 12433259,
	darkmagenta: 9109643,
	darkolivegreen: 5597999,
	darkorange: 16747520,
	darkorchid: 10040012,
	darkred: 9109504,
	darksalmon: 15308410,
	darkseagreen: 9419919,
	darkslateblue: 4734347,
	darkslategray: 3100495,
	darkslategrey: 3100495,
	darkturquoise: 52945,
	darkviolet: 9699539,
	deeppink: 16716947,
	deepskyblue: 49151,
	dimgray: 6908265,
	dimgrey: 6908265,
	dodgerblue: 2003199,
	firebrick: 11674146,
	floralwhite: 16775920,
	forestgreen: 2263842,
	fuchsia: 16711935,
	gainsboro: 14474460,
	ghostwhite: 16316671,
	gold: 16766720,
	goldenrod: 14329120,
	gray: 8421504,
	green: 32768,
	greenyellow: 11403055,
	grey: 8421504,
	honeydew: 15794160,
	hotpink: 16738740,
	indianred: 13458524,
	indigo: 4915330,
	ivory: 16777200,
	khaki: 15787660,
	lavender: 15132410,
	lavenderblush: 16773365,
	lawngreen: 8190976,
	lemonchiffon: 16775885,
	lightblue: 11393254,
	lightcoral: 15761536,
	lightcyan: 14745599,
	lightgoldenrodyellow: 16448210,
	lightgray: 13882323,
	lightgreen: 9498256,
	lightgrey: 13882323,
	lightpink: 16758465,
	lightsalmon: 16752762,
	lightseagreen: 2142890,
	lightskyblue: 8900346,
	lightslategray: 7833753,
	lightslategrey: 7833753,
	lightsteelblue: 11584734,
	lightyellow: 16777184,
	lime: 65280,
	limegreen: 3329330,
	linen: 16445670,
	magenta: 16711935,
	maroon: 8388608,
	mediumaquamarine: 6737322,
	mediumblue: 205,
	mediumorchid: 12211667,
	mediumpurple: 9662683,
	mediumseagreen: 3978097,
	mediumslateblue: 8087790,
	mediumspringgreen: 64154,
	mediumturquoise: 4772300,
	mediumvioletred: 13047173,
	midnightblue: 1644912,
	mintcream: 16121850,
	mistyrose: 16770273,
	moccasin: 16770229,
	navajowhite: 16768685,
	navy: 128,
	oldlace: 16643558,
	olive: 8421376,
	olivedrab: 7048739,
	orange: 16753920,
	orangered: 16729344,
	orchid: 14315734,
	palegoldenrod: 15657130,
	palegreen: 10025880,
	paleturquoise: 11529966,
	palevioletred: 14381203,
	papayawhip: 16773077,
	peachpuff: 16767673,
	peru: 13468991,
	pink: 16761035,
	plum: 14524637,
	powderblue: 11591910,
	purple: 8388736,
	rebeccapurple: 6697881,
	red: 16711680,
	rosybrown: 12357519,
	royalblue: 4286945,
	saddlebrown: 9127187,
	salmon: 16416882,
	sandybrown: 16032864,
	seagreen: 3050327,
	seashell: 16774638,
	sienna: 10506797,
	silver: 12632256,
	skyblue: 8900331,
	slateblue: 6970061,
	slategray: 7372944,
	slategrey: 7372944,
	snow: 16775930,
	springgreen: 65407,
	steelblue: 4620980,
	tan: 13808780,
	teal: 32896,
	thistle: 14204888,
	tomato: 16737095,
	turquoise: 4251856,
	violet: 15631086,
	wheat: 16113331,
	white: 16777215,
	whitesmoke: 16119285,
	yellow: 16776960,
	yellowgreen: 10145074
};
on(cn, En, {
	copy(e) {
		return Object.assign(new this.constructor(), this, e);
	},
	displayable() {
		return this.rgb().displayable();
	},
	hex: Sn,
	formatHex: Sn,
	formatHex8: Cn,
	formatHsl: wn,
	formatRgb: Tn,
	toString: Tn
});
function Sn() {
	return this.rgb().formatHex();
}
function Cn() {
	return this.rgb().formatHex8();
}
function wn() {
	return zn(this).formatHsl();
}
function Tn() {
	return this.rgb().formatRgb();
}
function En(e) {
	var t, n;
	return e = (e + "").trim().toLowerCase(), (t = mn.exec(e)) ? (n = t[1].length, t = parseInt(t[1], 16), n === 6 ? Dn(t) : n === 3 ? new jn(t >> 8 & 15 | t >> 4 & 240, t >> 4 & 15 | t & 240, (t & 15) << 4 | t & 15, 1) : n === 8 ? On(t >> 24 & 255, t >> 16 & 255, t >> 8 & 255, (t & 255) / 255) : n === 4 ? On(t >> 12 & 15 | t >> 8 & 240, t >> 8 & 15 | t >> 4 & 240, t >> 4 & 15 | t & 240, ((t & 15) << 4 | t & 15) / 255) : null) : (t = hn.exec(e)) ? new jn(t[1], t[2], t[3], 1) : (t = gn.exec(e)) ? new jn(t[1] * 255 / 100, t[2] * 255 / 100, t[3] * 255 / 100, 1) : (t = _n.exec(e)) ? On(t[1], t[2], t[3], t[4]) : (t = vn.exec(e)) ? On(t[1] * 255 / 100, t[2] * 255 / 100, t[3] * 255 / 100, t[4]) : (t = yn.exec(e)) ? Rn(t[1], t[2] / 100, t[3] / 100, 1) : (t = bn.exec(e)) ? Rn(t[1], t[2] / 100, t[3] / 100, t[4]) : xn.hasOwnProperty(e) ? Dn(xn[e]) : e === "transparent" ? new jn(NaN, NaN, NaN, 0) : null;
}
function Dn(e) {
	return new jn(e >> 16 & 255, e >> 8 & 255, e & 255, 1);
}
function On(e, t, n, r) {
	return r <= 0 && (e = t = n = NaN), new jn(e, t, n, r);
}
function kn(e) {
	return e instanceof cn || (e = En(e)), e ? (e = e.rgb(), new jn(e.r, e.g, e.b, e.opacity)) : new jn();
}
function An(e, t, n, r) {
	return arguments.length === 1 ? kn(e) : new jn(e, t, n, r ?? 1);
}
function jn(e, t, n, r) {
	this.r = +e, this.g = +t, this.b = +n, this.opacity = +r;
}
on(jn, An, sn(cn, {
	brighter(e) {
		return e = e == null ? un : un ** +e, new jn(this.r * e, this.g * e, this.b * e, this.opacity);
	},
	darker(e) {
		return e = e == null ? ln : ln ** +e, new jn(this.r * e, this.g * e, this.b * e, this.opacity);
	},
	rgb() {
		return this;
	},
	clamp() {
		return new jn(In(this.r), In(this.g), In(this.b), Fn(this.opacity));
	},
	displayable() {
		return -.5 <= this.r && this.r < 255.5 && -.5 <= this.g && this.g < 255.5 && -.5 <= this.b && this.b < 255.5 && 0 <= this.opacity && this.opacity <= 1;
	},
	hex: Mn,
	formatHex: Mn,
	formatHex8: Nn,
	formatRgb: Pn,
	toString: Pn
}));
function Mn() {
	return `#${Ln(this.r)}${Ln(this.g)}${Ln(this.b)}`;
}
function Nn() {
	return `#${Ln(this.r)}${Ln(this.g)}${Ln(this.b)}${Ln((isNaN(this.opacity) ? 1 : this.opacity) * 255)}`;
}
function Pn() {
	let e = Fn(this.opacity);
	return `${e === 1 ? "rgb(" : "rgba("}${In(this.r)}, ${In(this.g)}, ${In(this.b)}${e === 1 ? ")" : `, ${e})`}`;
}
function Fn(e) {
	return isNaN(e) ? 1 : Math.max(0, Math.min(1, e));
}
function In(e) {
	return Math.max(0, Math.min(255, Math.round(e) || 0));
}
function Ln(e) {
	return e = In(e), (e < 16 ? "0" : "") + e.toString(16);
}
function Rn(e, t, n, r) {
	return r <= 0 ? e = t = n = NaN : n <= 0 || n >= 1 ? e = t = NaN : t <= 0 && (e = NaN), new Vn(e, t, n, r);
}
function zn(e) {
	if (e instanceof Vn) return new Vn(e.h, e.s, e.l, e.opacity);
	if (e instanceof cn || (e = En(e)), !e) return new Vn();
	if (e instanceof Vn) return e;
	e = e.rgb();
	var t = e.r / 255, n = e.g / 255, r = e.b / 255, i = Math.min(t, n, r), a = Math.max(t, n, r), o = NaN, s = a - i, c = (a + i) / 2;
	return s ? (o = t === a ? (n - r) / s + (n < r) * 6 : n === a ? (r - t) / s + 2 : (t - n) / s + 4, s /= c < .5 ? a + i : 2 - a - i, o *= 60) : s = c > 0 && c < 1 ? 0 : o, new Vn(o, s, c, e.opacity);
}
function Bn(e, t, n, r) {
	return arguments.length === 1 ? zn(e) : new Vn(e, t, n, r ?? 1);
}
function Vn(e, t, n, r) {
	this.h = +e, this.s = +t, this.l = +n, this.opacity = +r;
}
on(Vn, Bn, sn(cn, {
	brighter(e) {
		return e = e == null ? un : un ** +e, new Vn(this.h, this.s, this.l * e, this.opacity);
	},
	darker(e) {
		return e = e == null ? ln : ln ** +e, new Vn(this.h, this.s, this.l * e, this.opacity);
	},
	rgb() {
		var e = this.h % 360 + (this.h < 0) * 360, t = isNaN(e) || isNaN(this.s) ? 0 : this.s, n = this.l, r = n + (n < .5 ? n : 1 - n) * t, i = 2 * n - r;
		return new jn(Wn(e >= 240 ? e - 240 : e + 120, i, r), Wn(e, i, r), Wn(e < 120 ? e + 240 : e - 120, i, r), this.opacity);
	},
	clamp() {
		return new Vn(Hn(this.h), Un(this.s), Un(this.l), Fn(this.opacity));
	},
	displayable() {
		return (0 <= this.s && this.s <= 1 || isNaN(this.s)) && 0 <= this.l && this.l <= 1 && 0 <= this.opacity && this.opacity <= 1;
	},
	formatHsl() {
		let e = Fn(this.opacity);
		return `${e === 1 ? "hsl(" : "hsla("}${Hn(this.h)}, ${Un(this.s) * 100}%, ${Un(this.l) * 100}%${e === 1 ? ")" : `, ${e})`}`;
	}
}));
function Hn(e) {
	return e = (e || 0) % 360, e < 0 ? e + 360 : e;
}
function Un(e) {
	return Math.max(0, Math.min(1, e || 0));
}
function Wn(e, t, n) {
	return (e < 60 ? t + (n - t) * e / 60 : e < 180 ? n : e < 240 ? t + (n - t) * (240 - e) / 60 : t) * 255;
}
var Gn = Math.PI / 180, Kn = 180 / Math.PI, qn = 18, Jn = .96422, Yn = 1, Xn = .82521, Zn = 4 / 29, Qn = 6 / 29, $n = 3 * Qn * Qn, er = Qn * Qn * Qn;
function tr(e) {
	if (e instanceof rr) return new rr(e.l, e.a, e.b, e.opacity);
	if (e instanceof ur) return dr(e);
	e instanceof jn || (e = kn(e));
	var t = sr(e.r), n = sr(e.g), r = sr(e.b), i = ir((.2225045 * t + .7168786 * n + .0606169 * r) / Yn), a, o;
	return t === n && n === r ? a = o = i : (a = ir((.4360747 * t + .3850649 * n + .1430804 * r) / Jn), o = ir((.0139322 * t + .0971045 * n + .7141733 * r) / Xn)), new rr(116 * i - 16, 500 * (a - i), 200 * (i - o), e.opacity);
}
function nr(e, t, n, r) {
	return arguments.length === 1 ? tr(e) : new rr(e, t, n, r ?? 1);
}
function rr(e, t, n, r) {
	this.l = +e, this.a = +t, this.b = +n, this.opacity = +r;
}
on(rr, nr, sn(cn, {
	brighter(e) {
		return new rr(this.l + qn * (e ?? 1), this.a, this.b, this.opacity);
	},
	darker(e) {
		return new rr(this.l - qn * (e ?? 1), this.a, this.b, this.opacity);
	},
	rgb() {
		var e = (this.l + 16) / 116, t = isNaN(this.a) ? e : e + this.a / 500, n = isNaN(this.b) ? e : e - this.b / 200;
		return t = Jn * ar(t), e = Yn * ar(e), n = Xn * ar(n), new jn(or(3.1338561 * t - 1.6168667 * e - .4906146 * n), or(-.9787684 * t + 1.9161415 * e + .033454 * n), or(.0719453 * t - .2289914 * e + 1.4052427 * n), this.opacity);
	}
}));
function ir(e) {
	return e > er ? e ** (1 / 3) : e / $n + Zn;
}
function ar(e) {
	return e > Qn ? e * e * e : $n * (e - Zn);
}
function or(e) {
	return 255 * (e <= .0031308 ? 12.92 * e : 1.055 * e ** (1 / 2.4) - .055);
}
function sr(e) {
	return (e /= 255) <= .04045 ? e / 12.92 : ((e + .055) / 1.055) ** 2.4;
}
function cr(e) {
	if (e instanceof ur) return new ur(e.h, e.c, e.l, e.opacity);
	if (e instanceof rr || (e = tr(e)), e.a === 0 && e.b === 0) return new ur(NaN, 0 < e.l && e.l < 100 ? 0 : NaN, e.l, e.opacity);
	var t = Math.atan2(e.b, e.a) * Kn;
	return new ur(t < 0 ? t + 360 : t, Math.sqrt(e.a * e.a + e.b * e.b), e.l, e.opacity);
}
function lr(e, t, n, r) {
	return arguments.length === 1 ? cr(e) : new ur(e, t, n, r ?? 1);
}
function ur(e, t, n, r) {
	this.h = +e, this.c = +t, this.l = +n, this.opacity = +r;
}
function dr(e) {
	if (isNaN(e.h)) return new rr(e.l, 0, 0, e.opacity);
	var t = e.h * Gn;
	return new rr(e.l, Math.cos(t) * e.c, Math.sin(t) * e.c, e.opacity);
}
on(ur, lr, sn(cn, {
	brighter(e) {
		return new ur(this.h, this.c, this.l + qn * (e ?? 1), this.opacity);
	},
	darker(e) {
		return new ur(this.h, this.c, this.l - qn * (e ?? 1), this.opacity);
	},
	rgb() {
		return dr(this).rgb();
	}
}));
var fr = -.14861, pr = 1.78277, mr = -.29227, hr = -.90649, gr = 1.97294, _r = gr * hr, vr = gr * pr, yr = pr * mr - hr * fr;
function br(e) {
	if (e instanceof Sr) return new Sr(e.h, e.s, e.l, e.opacity);
	e instanceof jn || (e = kn(e));
	var t = e.r / 255, n = e.g / 255, r = e.b / 255, i = (yr * r + _r * t - vr * n) / (yr + _r - vr), a = r - i, o = (gr * (n - i) - mr * a) / hr, s = Math.sqrt(o * o + a * a) / (gr * i * (1 - i)), c = s ? Math.atan2(o, a) * Kn - 120 : NaN;
	return new Sr(c < 0 ? c + 360 : c, s, i, e.opacity);
}
function xr(e, t, n, r) {
	return arguments.length === 1 ? br(e) : new Sr(e, t, n, r ?? 1);
}
function Sr(e, t, n, r) {
	this.h = +e, this.s = +t, this.l = +n, this.opacity = +r;
}
on(Sr, xr, sn(cn, {
	brighter(e) {
		return e = e == null ? un : un ** +e, new Sr(this.h, this.s, this.l * e, this.opacity);
	},
	darker(e) {
		return e = e == null ? ln : ln ** +e, new Sr(this.h, this.s, this.l * e, this.opacity);
	},
	rgb() {
		var e = isNaN(this.h) ? 0 : (this.h + 120) * Gn, t = +this.l, n = isNaN(this.s) ? 0 : this.s * t * (1 - t), r = Math.cos(e), i = Math.sin(e);
		return new jn(255 * (t + n * (fr * r + pr * i)), 255 * (t + n * (mr * r + hr * i)), 255 * (t + gr * r * n), this.opacity);
	}
}));
var Cr = (e) => () => e;
function wr(e, t) {
	return function(n) {
		return e + n * t;
	};
}
function Tr(e, t, n) {
	return e **= +n, t = t ** +n - e, n = 1 / n, function(r) {
		return (e + r * t) ** +n;
	};
}
function Er(e, t) {
	var n = t - e;
	return n ? wr(e, n > 180 || n < -180 ? n - 360 * Math.round(n / 360) : n) : Cr(isNaN(e) ? t : e);
}
function Dr(e) {
	return (e = +e) == 1 ? Or : function(t, n) {
		return n - t ? Tr(t, n, e) : Cr(isNaN(t) ? n : t);
	};
}
function Or(e, t) {
	var n = t - e;
	return n ? wr(e, n) : Cr(isNaN(e) ? t : e);
}
var kr = (function e(t) {
	var n = Dr(t);
	function r(e, t) {
		var r = n((e = An(e)).r, (t = An(t)).r), i = n(e.g, t.g), a = n(e.b, t.b), o = Or(e.opacity, t.opacity);
		return function(t) {
			return e.r = r(t), e.g = i(t), e.b = a(t), e.opacity = o(t), e + "";
		};
	}
	return r.gamma = e, r;
})(1);
function Ar(e, t) {
	t ||= [];
	var n = e ? Math.min(t.length, e.length) : 0, r = t.slice(), i;
	return function(a) {
		for (i = 0; i < n; ++i) r[i] = e[i] * (1 - a) + t[i] * a;
		return r;
	};
}
function jr(e) {
	return ArrayBuffer.isView(e) && !(e instanceof DataView);
}
function Mr(e, t) {
	for (var n = t ? t.length : 0, r = e ? Math.min(n, e.length) : 0, i = Array(r), a = Array(n), o = 0; o < r; ++o) i[o] = Vr(e[o], t[o]);
	for (; o < n; ++o) a[o] = t[o];
	return function(e) {
		for (o = 0; o < r; ++o) a[o] = i[o](e);
		return a;
	};
}
function Nr(e, t) {
	var n = /* @__PURE__ */ new Date();
	return e = +e, t = +t, function(r) {
		return n.setTime(e * (1 - r) + t * r), n;
	};
}
function Pr(e, t) {
	return e = +e, t = +t, function(n) {
		return e * (1 - n) + t * n;
	};
}
function Fr(e, t) {
	var n = {}, r = {}, i;
	for (i in typeof e == "object" && e || (e = {}), typeof t == "object" && t || (t = {}), t) i in e ? n[i] = Vr(e[i], t[i]) : r[i] = t[i];
	return function(e) {
		for (i in n) r[i] = n[i](e);
		return r;
	};
}
var Ir = /[-+]?(?:\d+\.?\d*|\.?\d+)(?:[eE][-+]?\d+)?/g, Lr = new RegExp(Ir.source, "g");
function Rr(e) {
	return function() {
		return e;
	};
}
function zr(e) {
	return function(t) {
		return e(t) + "";
	};
}
function Br(e, t) {
	var n = Ir.lastIndex = Lr.lastIndex = 0, r, i, a, o = -1, s = [], c = [];
	for (e += "", t += ""; (r = Ir.exec(e)) && (i = Lr.exec(t));) (a = i.index) > n && (a = t.slice(n, a), s[o] ? s[o] += a : s[++o] = a), (r = r[0]) === (i = i[0]) ? s[o] ? s[o] += i : s[++o] = i : (s[++o] = null, c.push({
		i: o,
		x: Pr(r, i)
	})), n = Lr.lastIndex;
	return n < t.length && (a = t.slice(n), s[o] ? s[o] += a : s[++o] = a), s.length < 2 ? c[0] ? zr(c[0].x) : Rr(t) : (t = c.length, function(e) {
		for (var n = 0, r; n < t; ++n) s[(r = c[n]).i] = r.x(e);
		return s.join("");
	});
}
function Vr(e, t) {
	var n = typeof t, r;
	return t == null || n === "boolean" ? Cr(t) : (n === "number" ? Pr : n === "string" ? (r = En(t)) ? (t = r, kr) : Br : t instanceof En ? kr : t instanceof Date ? Nr : jr(t) ? Ar : Array.isArray(t) ? Mr : typeof t.valueOf != "function" && typeof t.toString != "function" || isNaN(t) ? Fr : Pr)(e, t);
}
var Hr = 180 / Math.PI, Ur = {
	translateX: 0,
	translateY: 0,
	rotate: 0,
	skewX: 0,
	scaleX: 1,
	scaleY: 1
};
function Wr(e, t, n, r, i, a) {
	var o, s, c;
	return (o = Math.sqrt(e * e + t * t)) && (e /= o, t /= o), (c = e * n + t * r) && (n -= e * c, r -= t * c), (s = Math.sqrt(n * n + r * r)) && (n /= s, r /= s, c /= s), e * r < t * n && (e = -e, t = -t, c = -c, o = -o), {
		translateX: i,
		translateY: a,
		rotate: Math.atan2(t, e) * Hr,
		skewX: Math.atan(c) * Hr,
		scaleX: o,
		scaleY: s
	};
}
var Gr;
function Kr(e) {
	let t = new (typeof DOMMatrix == "function" ? DOMMatrix : WebKitCSSMatrix)(e + "");
	return t.isIdentity ? Ur : Wr(t.a, t.b, t.c, t.d, t.e, t.f);
}
function qr(e) {
	return e == null || (Gr ||= document.createElementNS("http://www.w3.org/2000/svg", "g"), Gr.setAttribute("transform", e), !(e = Gr.transform.baseVal.consolidate())) ? Ur : (e = e.matrix, Wr(e.a, e.b, e.c, e.d, e.e, e.f));
}
function Jr(e, t, n, r) {
	function i(e) {
		return e.length ? e.pop() + " " : "";
	}
	function a(e, r, i, a, o, s) {
		if (e !== i || r !== a) {
			var c = o.push("translate(", null, t, null, n);
			s.push({
				i: c - 4,
				x: Pr(e, i)
			}, {
				i: c - 2,
				x: Pr(r, a)
			});
		} else (i || a) && o.push("translate(" + i + t + a + n);
	}
	function o(e, t, n, a) {
		e === t ? t && n.push(i(n) + "rotate(" + t + r) : (e - t > 180 ? t += 360 : t - e > 180 && (e += 360), a.push({
			i: n.push(i(n) + "rotate(", null, r) - 2,
			x: Pr(e, t)
		}));
	}
	function s(e, t, n, a) {
		e === t ? t && n.push(i(n) + "skewX(" + t + r) : a.push({
			i: n.push(i(n) + "skewX(", null, r) - 2,
			x: Pr(e, t)
		});
	}
	function c(e, t, n, r, a, o) {
		if (e !== n || t !== r) {
			var s = a.push(i(a) + "scale(", null, ",", null, ")");
			o.push({
				i: s - 4,
				x: Pr(e, n)
			}, {
				i: s - 2,
				x: Pr(t, r)
			});
		} else (n !== 1 || r !== 1) && a.push(i(a) + "scale(" + n + "," + r + ")");
	}
	return function(t, n) {
		var r = [], i = [];
		return t = e(t), n = e(n), a(t.translateX, t.translateY, n.translateX, n.translateY, r, i), o(t.rotate, n.rotate, r, i), s(t.skewX, n.skewX, r, i), c(t.scaleX, t.scaleY, n.scaleX, n.scaleY, r, i), t = n = null, function(e) {
			for (var t = -1, n = i.length, a; ++t < n;) r[(a = i[t]).i] = a.x(e);
			return r.join("");
		};
	};
}
var Yr = Jr(Kr, "px, ", "px)", "deg)"), Xr = Jr(qr, ", ", ")", ")"), Zr = 1e-12;
function Qr(e) {
	return ((e = Math.exp(e)) + 1 / e) / 2;
}
function $r(e) {
	return ((e = Math.exp(e)) - 1 / e) / 2;
}
function ei(e) {
	return ((e = Math.exp(2 * e)) - 1) / (e + 1);
}
var ti = (function e(t, n, r) {
	function i(e, i) {
		var a = e[0], o = e[1], s = e[2], c = i[0], l = i[1], u = i[2], d = c - a, f = l - o, p = d * d + f * f, m, h;
		if (p < Zr) h = Math.log(u / s) / t, m = function(e) {
			return [
				a + e * d,
				o + e * f,
				s * Math.exp(t * e * h)
			];
		};
		else {
			var g = Math.sqrt(p), _ = (u * u - s * s + r * p) / (2 * s * n * g), v = (u * u - s * s - r * p) / (2 * u * n * g), y = Math.log(Math.sqrt(_ * _ + 1) - _);
			h = (Math.log(Math.sqrt(v * v + 1) - v) - y) / t, m = function(e) {
				var r = e * h, i = Qr(y), c = s / (n * g) * (i * ei(t * r + y) - $r(y));
				return [
					a + c * d,
					o + c * f,
					s * i / Qr(t * r + y)
				];
			};
		}
		return m.duration = Math.abs(h) * 1e3 * t / Math.SQRT2, m;
	}
	return i.rho = function(t) {
		var n = Math.max(.001, +t), r = n * n;
		return e(n, r, r * r);
	}, i;
})(Math.SQRT2, 2, 4);
function ni(e) {
	return (function t(n) {
		n = +n;
		function r(t, r) {
			var i = e((t = xr(t)).h, (r = xr(r)).h), a = Or(t.s, r.s), o = Or(t.l, r.l), s = Or(t.opacity, r.opacity);
			return function(e) {
				return t.h = i(e), t.s = a(e), t.l = o(e ** +n), t.opacity = s(e), t + "";
			};
		}
		return r.gamma = t, r;
	})(1);
}
ni(Er), ni(Or);
// node_modules/d3-timer/dist/d3-timer.mjs
var ri = 0, ii = 0, ai = 0, oi = 1e3, si, V, ci = 0, li = 0, ui = 0, di = typeof performance == "object" && performance.now ? performance : Date, fi = typeof window == "object" && window.requestAnimationFrame ? window.requestAnimationFrame.bind(window) : function(e) {
	setTimeout(e, 17);
};
function pi() {
	return li ||= (fi(mi), di.now() + ui);
}
function mi() {
	li = 0;
}
function hi() {
	this._call = this._time = this._next = null;
}
hi.prototype = gi.prototype = {
	constructor: hi,
	restart: function(e, t, n) {
		if (typeof e != "function") throw TypeError("callback is not a function");
		n = (n == null ? pi() : +n) + (t == null ? 0 : +t), !this._next && V !== this && (V ? V._next = this : si = this, V = this), this._call = e, this._time = n, xi();
	},
	stop: function() {
		this._call && (this._call = null, this._time = Infinity, xi());
	}
};
function gi(e, t, n) {
	var r = new hi();
	return r.restart(e, t, n), r;
}
function _i() {
	pi(), ++ri;
	for (var e = si, t; e;) (t = li - e._time) >= 0 && e._call.call(void 0, t), e = e._next;
	--ri;
}
function vi() {
	li = (ci = di.now()) + ui, ri = ii = 0;
	try {
		_i();
	} finally {
		ri = 0, bi(), li = 0;
	}
}
function yi() {
	var e = di.now(), t = e - ci;
	t > oi && (ui -= t, ci = e);
}
function bi() {
	for (var e, t = si, n, r = Infinity; t;) t._call ? (r > t._time && (r = t._time), e = t, t = t._next) : (n = t._next, t._next = null, t = e ? e._next = n : si = n);
	V = e, xi(r);
}
function xi(e) {
	ri || (ii &&= clearTimeout(ii), e - li > 24 ? (e < Infinity && (ii = setTimeout(vi, Math.ceil(e - di.now() - ui) + 1)), ai &&= clearInterval(ai)) : (ai ||= (ci = di.now(), setInterval(yi, oi)), ri = 1, fi(vi)));
}
function Si(e, t, n) {
	var r = new hi();
	return t = t == null ? 0 : +t, r.restart((n) => {
		r.stop(), e(n + t);
	}, t, n), r;
}
// node_modules/d3-ease/dist/d3-ease.mjs
function Ci(e) {
	return ((e *= 2) <= 1 ? e * e * e : (e -= 2) * e * e + 2) / 2;
}
var wi = 3;
(function e(t) {
	t = +t;
	function n(e) {
		return e ** +t;
	}
	return n.exponent = e, n;
})(wi), (function e(t) {
	t = +t;
	function n(e) {
		return 1 - (1 - e) ** t;
	}
	return n.exponent = e, n;
})(wi), (function e(t) {
	t = +t;
	function n(e) {
		return ((e *= 2) <= 1 ? e ** +t : 2 - (2 - e) ** t) / 2;
	}
	return n.exponent = e, n;
})(wi);
function Ti(e) {
	return (2 ** (-10 * e) - .0009765625) * 1.0009775171065494;
}
var Ei = 4 / 11;
1 / Ei / Ei;
var Di = 1.70158;
(function e(t) {
	t = +t;
	function n(e) {
		return (e = +e) * e * (t * (e - 1) + e);
	}
	return n.overshoot = e, n;
})(Di), (function e(t) {
	t = +t;
	function n(e) {
		return --e * e * ((e + 1) * t + e) + 1;
	}
	return n.overshoot = e, n;
})(Di), (function e(t) {
	t = +t;
	function n(e) {
		return ((e *= 2) < 1 ? e * e * ((t + 1) * e - t) : (e -= 2) * e * ((t + 1) * e + t) + 2) / 2;
	}
	return n.overshoot = e, n;
})(Di);
var Oi = 2 * Math.PI, ki = 1, Ai = .3;
(function e(t, n) {
	var r = Math.asin(1 / (t = Math.max(1, t))) * (n /= Oi);
	function i(e) {
		return t * Ti(- --e) * Math.sin((r - e) / n);
	}
	return i.amplitude = function(t) {
		return e(t, n * Oi);
	}, i.period = function(n) {
		return e(t, n);
	}, i;
})(ki, Ai), (function e(t, n) {
	var r = Math.asin(1 / (t = Math.max(1, t))) * (n /= Oi);
	function i(e) {
		return 1 - t * Ti(e = +e) * Math.sin((e + r) / n);
	}
	return i.amplitude = function(t) {
		return e(t, n * Oi);
	}, i.period = function(n) {
		return e(t, n);
	}, i;
})(ki, Ai), (function e(t, n) {
	var r = Math.asin(1 / (t = Math.max(1, t))) * (n /= Oi);
	function i(e) {
		return ((e = e * 2 - 1) < 0 ? t * Ti(-e) * Math.sin((r - e) / n) : 2 - t * Ti(e) * Math.sin((r + e) / n)) / 2;
	}
	return i.amplitude = function(t) {
		return e(t, n * Oi);
	}, i.period = function(n) {
		return e(t, n);
	}, i;
})(ki, Ai);
// node_modules/d3-transition/dist/d3-transition.mjs
var ji = C("start", "end", "cancel", "interrupt"), Mi = [], Ni = 0, Pi = 1, Fi = 2, Ii = 3, Li = 4, Ri = 5, zi = 6;
function Bi(e, t, n, r, i, a) {
	var o = e.__transition;
	if (!o) e.__transition = {};
	else if (n in o) return;
	Wi(e, n, {
		name: t,
		index: r,
		group: i,
		on: ji,
		tween: Mi,
		time: a.time,
		delay: a.delay,
		duration: a.duration,
		ease: a.ease,
		timer: null,
		state: Ni
	});
}
function Vi(e, t) {
	var n = Ui(e, t);
	if (n.state > Ni) throw Error("too late; already scheduled");
	return n;
}
function Hi(e, t) {
	var n = Ui(e, t);
	if (n.state > Ii) throw Error("too late; already running");
	return n;
}
function Ui(e, t) {
	var n = e.__transition;
	if (!n || !(n = n[t])) throw Error("transition not found");
	return n;
}
function Wi(e, t, n) {
	var r = e.__transition, i;
	r[t] = n, n.timer = gi(a, 0, n.time);
	function a(e) {
		n.state = Pi, n.timer.restart(o, n.delay, n.time), n.delay <= e && o(e - n.delay);
	}
	function o(a) {
		var l, u, d, f;
		if (n.state !== Pi) return c();
		for (l in r) if (f = r[l], f.name === n.name) {
			if (f.state === Ii) return Si(o);
			f.state === Li ? (f.state = zi, f.timer.stop(), f.on.call("interrupt", e, e.__data__, f.index, f.group), delete r[l]) : +l < t && (f.state = zi, f.timer.stop(), f.on.call("cancel", e, e.__data__, f.index, f.group), delete r[l]);
		}
		if (Si(function() {
			n.state === Ii && (n.state = Li, n.timer.restart(s, n.delay, n.time), s(a));
		}), n.state = Fi, n.on.call("start", e, e.__data__, n.index, n.group), n.state === Fi) {
			for (n.state = Ii, i = Array(d = n.tween.length), l = 0, u = -1; l < d; ++l) (f = n.tween[l].value.call(e, e.__data__, n.index, n.group)) && (i[++u] = f);
			i.length = u + 1;
		}
	}
	function s(t) {
		for (var r = t < n.duration ? n.ease.call(null, t / n.duration) : (n.timer.restart(c), n.state = Ri, 1), a = -1, o = i.length; ++a < o;) i[a].call(e, r);
		n.state === Ri && (n.on.call("end", e, e.__data__, n.index, n.group), c());
	}
	function c() {
		for (var i in n.state = zi, n.timer.stop(), delete r[t], r) return;
		delete e.__transition;
	}
}
function Gi(e, t) {
	var n = e.__transition, r, i, a = !0, o;
	if (n) {
		for (o in t = t == null ? null : t + "", n) (r = n[o]).name === t ? (i = r.state > Fi && r.state < Ri, r.state = zi, r.timer.stop(), r.on.call(i ? "interrupt" : "cancel", e, e.__data__, r.index, r.group), delete n[o]) : a = !1;
		a && delete e.__transition;
	}
}
function Ki(e) {
	return this.each(function() {
		Gi(this, e);
	});
}
function H(e, t) {
	var n, r;
	return function() {
		var i = Hi(this, e), a = i.tween;
		if (a !== n) {
			r = n = a;
			for (var o = 0, s = r.length; o < s; ++o) if (r[o].name === t) {
				r = r.slice(), r.splice(o, 1);
				break;
			}
		}
		i.tween = r;
	};
}
function U(e, t, n) {
	var r, i;
	if (typeof n != "function") throw Error();
	return function() {
		var a = Hi(this, e), o = a.tween;
		if (o !== r) {
			i = (r = o).slice();
			for (var s = {
				name: t,
				value: n
			}, c = 0, l = i.length; c < l; ++c) if (i[c].name === t) {
				i[c] = s;
				break;
			}
			c === l && i.push(s);
		}
		a.tween = i;
	};
}
function qi(e, t) {
	var n = this._id;
	if (e += "", arguments.length < 2) {
		for (var r = Ui(this.node(), n).tween, i = 0, a = r.length, o; i < a; ++i) if ((o = r[i]).name === e) return o.value;
		return null;
	}
	return this.each((t == null ? H : U)(n, e, t));
}
function Ji(e, t, n) {
	var r = e._id;
	return e.each(function() {
		var e = Hi(this, r);
		(e.value ||= {})[t] = n.apply(this, arguments);
	}), function(e) {
		return Ui(e, r).value[t];
	};
}
function Yi(e, t) {
	var n;
	return (typeof t == "number" ? Pr : t instanceof En ? kr : (n = En(t)) ? (t = n, kr) : Br)(e, t);
}
function Xi(e) {
	return function() {
		this.removeAttribute(e);
	};
}
function Zi(e) {
	return function() {
		this.removeAttributeNS(e.space, e.local);
	};
}
function Qi(e, t, n) {
	var r, i = n + "", a;
	return function() {
		var o = this.getAttribute(e);
		return o === i ? null : o === r ? a : a = t(r = o, n);
	};
}
function $i(e, t, n) {
	var r, i = n + "", a;
	return function() {
		var o = this.getAttributeNS(e.space, e.local);
		return o === i ? null : o === r ? a : a = t(r = o, n);
	};
}
function ea(e, t, n) {
	var r, i, a;
	return function() {
		var o, s = n(this), c;
		return s == null ? void this.removeAttribute(e) : (o = this.getAttribute(e), c = s + "", o === c ? null : o === r && c === i ? a : (i = c, a = t(r = o, s)));
	};
}
function ta(e, t, n) {
	var r, i, a;
	return function() {
		var o, s = n(this), c;
		return s == null ? void this.removeAttributeNS(e.space, e.local) : (o = this.getAttributeNS(e.space, e.local), c = s + "", o === c ? null : o === r && c === i ? a : (i = c, a = t(r = o, s)));
	};
}
function na(e, t) {
	var n = A(e), r = n === "transform" ? Xr : Yi;
	return this.attrTween(e, typeof t == "function" ? (n.local ? ta : ea)(n, r, Ji(this, "attr." + e, t)) : t == null ? (n.local ? Zi : Xi)(n) : (n.local ? $i : Qi)(n, r, t));
}
function ra(e, t) {
	return function(n) {
		this.setAttribute(e, t.call(this, n));
	};
}
function ia(e, t) {
	return function(n) {
		this.setAttributeNS(e.space, e.local, t.call(this, n));
	};
}
function aa(e, t) {
	var n, r;
	function i() {
		var i = t.apply(this, arguments);
		return i !== r && (n = (r = i) && ia(e, i)), n;
	}
	return i._value = t, i;
}
function oa(e, t) {
	var n, r;
	function i() {
		var i = t.apply(this, arguments);
		return i !== r && (n = (r = i) && ra(e, i)), n;
	}
	return i._value = t, i;
}
function sa(e, t) {
	var n = "attr." + e;
	if (arguments.length < 2) return (n = this.tween(n)) && n._value;
	if (t == null) return this.tween(n, null);
	if (typeof t != "function") throw Error();
	var r = A(e);
	return this.tween(n, (r.local ? aa : oa)(r, t));
}
function ca(e, t) {
	return function() {
		Vi(this, e).delay = +t.apply(this, arguments);
	};
}
function la(e, t) {
	return t = +t, function() {
		Vi(this, e).delay = t;
	};
}
function ua(e) {
	var t = this._id;
	return arguments.length ? this.each((typeof e == "function" ? ca : la)(t, e)) : Ui(this.node(), t).delay;
}
function da(e, t) {
	return function() {
		Hi(this, e).duration = +t.apply(this, arguments);
	};
}
function fa(e, t) {
	return t = +t, function() {
		Hi(this, e).duration = t;
	};
}
function pa(e) {
	var t = this._id;
	return arguments.length ? this.each((typeof e == "function" ? da : fa)(t, e)) : Ui(this.node(), t).duration;
}
function ma(e, t) {
	if (typeof t != "function") throw Error();
	return function() {
		Hi(this, e).ease = t;
	};
}
function ha(e) {
	var t = this._id;
	return arguments.length ? this.each(ma(t, e)) : Ui(this.node(), t).ease;
}
function ga(e, t) {
	return function() {
		var n = t.apply(this, arguments);
		if (typeof n != "function") throw Error();
		Hi(this, e).ease = n;
	};
}
function _a(e) {
	if (typeof e != "function") throw Error();
	return this.each(ga(this._id, e));
}
function va(e) {
	typeof e != "function" && (e = z(e));
	for (var t = this._groups, n = t.length, r = Array(n), i = 0; i < n; ++i) for (var a = t[i], o = a.length, s = r[i] = [], c, l = 0; l < o; ++l) (c = a[l]) && e.call(c, c.__data__, l, a) && s.push(c);
	return new Ka(r, this._parents, this._name, this._id);
}
function ya(e) {
	if (e._id !== this._id) throw Error();
	for (var t = this._groups, n = e._groups, r = t.length, i = n.length, a = Math.min(r, i), o = Array(r), s = 0; s < a; ++s) for (var c = t[s], l = n[s], u = c.length, d = o[s] = Array(u), f, p = 0; p < u; ++p) (f = c[p] || l[p]) && (d[p] = f);
	for (; s < r; ++s) o[s] = t[s];
	return new Ka(o, this._parents, this._name, this._id);
}
function ba(e) {
	return (e + "").trim().split(/^|\s+/).every(function(e) {
		var t = e.indexOf(".");
		return t >= 0 && (e = e.slice(0, t)), !e || e === "start";
	});
}
function xa(e, t, n) {
	var r, i, a = ba(t) ? Vi : Hi;
	return function() {
		var o = a(this, e), s = o.on;
		s !== r && (i = (r = s).copy()).on(t, n), o.on = i;
	};
}
function Sa(e, t) {
	var n = this._id;
	return arguments.length < 2 ? Ui(this.node(), n).on.on(e) : this.each(xa(n, e, t));
}
function Ca(e) {
	return function() {
		var t = this.parentNode;
		for (var n in this.__transition) if (+n !== e) return;
		t && t.removeChild(this);
	};
}
function wa() {
	return this.on("end.remove", Ca(this._id));
}
function W(e) {
	var t = this._name, n = this._id;
	typeof e != "function" && (e = F(e));
	for (var r = this._groups, i = r.length, a = Array(i), o = 0; o < i; ++o) for (var s = r[o], c = s.length, l = a[o] = Array(c), u, d, f = 0; f < c; ++f) (u = s[f]) && (d = e.call(u, u.__data__, f, s)) && ("__data__" in u && (d.__data__ = u.__data__), l[f] = d, Bi(l[f], t, n, f, l, Ui(u, n)));
	return new Ka(a, this._parents, t, n);
}
function Ta(e) {
	var t = this._name, n = this._id;
	typeof e != "function" && (e = I(e));
	for (var r = this._groups, i = r.length, a = [], o = [], s = 0; s < i; ++s) for (var c = r[s], l = c.length, u, d = 0; d < l; ++d) if (u = c[d]) {
		for (var f = e.call(u, u.__data__, d, c), p, m = Ui(u, n), h = 0, g = f.length; h < g; ++h) (p = f[h]) && Bi(p, t, n, h, f, m);
		a.push(f), o.push(u);
	}
	return new Ka(a, o, t, n);
}
var Ea = zt.prototype.constructor;
function Da() {
	return new Ea(this._groups, this._parents);
}
function Oa(e, t) {
	var n, r, i;
	return function() {
		var a = Ke(this, e), o = (this.style.removeProperty(e), Ke(this, e));
		return a === o ? null : a === n && o === r ? i : i = t(n = a, r = o);
	};
}
function ka(e) {
	return function() {
		this.style.removeProperty(e);
	};
}
function Aa(e, t, n) {
	var r, i = n + "", a;
	return function() {
		var o = Ke(this, e);
		return o === i ? null : o === r ? a : a = t(r = o, n);
	};
}
function ja(e, t, n) {
	var r, i, a;
	return function() {
		var o = Ke(this, e), s = n(this), c = s + "";
		return s ?? (c = s = (this.style.removeProperty(e), Ke(this, e))), o === c ? null : o === r && c === i ? a : (i = c, a = t(r = o, s));
	};
}
function Ma(e, t) {
	var n, r, i, a = "style." + t, o = "end." + a, s;
	return function() {
		var c = Hi(this, e), l = c.on, u = c.value[a] == null ? s ||= ka(t) : void 0;
		(l !== n || i !== u) && (r = (n = l).copy()).on(o, i = u), c.on = r;
	};
}
function Na(e, t, n) {
	var r = (e += "") == "transform" ? Yr : Yi;
	return t == null ? this.styleTween(e, Oa(e, r)).on("end.style." + e, ka(e)) : typeof t == "function" ? this.styleTween(e, ja(e, r, Ji(this, "style." + e, t))).each(Ma(this._id, e)) : this.styleTween(e, Aa(e, r, t), n).on("end.style." + e, null);
}
function Pa(e, t, n) {
	return function(r) {
		this.style.setProperty(e, t.call(this, r), n);
	};
}
function Fa(e, t, n) {
	var r, i;
	function a() {
		var a = t.apply(this, arguments);
		return a !== i && (r = (i = a) && Pa(e, a, n)), r;
	}
	return a._value = t, a;
}
function Ia(e, t, n) {
	var r = "style." + (e += "");
	if (arguments.length < 2) return (r = this.tween(r)) && r._value;
	if (t == null) return this.tween(r, null);
	if (typeof t != "function") throw Error();
	return this.tween(r, Fa(e, t, n ?? ""));
}
function La(e) {
	return function() {
		this.textContent = e;
	};
}
function Ra(e) {
	return function() {
		var t = e(this);
		this.textContent = t ?? "";
	};
}
function za(e) {
	return this.tween("text", typeof e == "function" ? Ra(Ji(this, "text", e)) : La(e == null ? "" : e + ""));
}
function Ba(e) {
	return function(t) {
		this.textContent = e.call(this, t);
	};
}
function Va(e) {
	var t, n;
	function r() {
		var r = e.apply(this, arguments);
		return r !== n && (t = (n = r) && Ba(r)), t;
	}
	return r._value = e, r;
}
function Ha(e) {
	var t = "text";
	if (arguments.length < 1) return (t = this.tween(t)) && t._value;
	if (e == null) return this.tween(t, null);
	if (typeof e != "function") throw Error();
	return this.tween(t, Va(e));
}
function Ua() {
	for (var e = this._name, t = this._id, n = qa(), r = this._groups, i = r.length, a = 0; a < i; ++a) for (var o = r[a], s = o.length, c, l = 0; l < s; ++l) if (c = o[l]) {
		var u = Ui(c, t);
		Bi(c, e, n, l, o, {
			time: u.time + u.delay + u.duration,
			delay: 0,
			duration: u.duration,
			ease: u.ease
		});
	}
	return new Ka(r, this._parents, e, n);
}
function Wa() {
	var e, t, n = this, r = n._id, i = n.size();
	return new Promise(function(a, o) {
		var s = { value: o }, c = { value: function() {
			--i === 0 && a();
		} };
		n.each(function() {
			var n = Hi(this, r), i = n.on;
			i !== e && (t = (e = i).copy(), t._.cancel.push(s), t._.interrupt.push(s), t._.end.push(c)), n.on = t;
		}), i === 0 && a();
	});
}
var Ga = 0;
function Ka(e, t, n, r) {
	this._groups = e, this._parents = t, this._name = n, this._id = r;
}
function qa() {
	return ++Ga;
}
var Ja = zt.prototype;
Ka.prototype = {
	constructor: Ka,
	select: W,
	selectAll: Ta,
	selectChild: Ja.selectChild,
	selectChildren: Ja.selectChildren,
	filter: va,
	merge: ya,
	selection: Da,
	transition: Ua,
	call: Ja.call,
	nodes: Ja.nodes,
	node: Ja.node,
	size: Ja.size,
	empty: Ja.empty,
	each: Ja.each,
	on: Sa,
	attr: na,
	attrTween: sa,
	style: Na,
	styleTween: Ia,
	text: za,
	textTween: Ha,
	remove: wa,
	tween: qi,
	delay: ua,
	duration: pa,
	ease: ha,
	easeVarying: _a,
	end: Wa,
	[Symbol.iterator]: Ja[Symbol.iterator]
};
var Ya = {
	time: null,
	delay: 0,
	duration: 250,
	ease: Ci
};
function Xa(e, t) {
	for (var n; !(n = e.__transition) || !(n = n[t]);) if (!(e = e.parentNode)) throw Error(`transition ${t} not found`);
	return n;
}
function Za(e) {
	var t, n;
	e instanceof Ka ? (t = e._id, e = e._name) : (t = qa(), (n = Ya).time = pi(), e = e == null ? null : e + "");
	for (var r = this._groups, i = r.length, a = 0; a < i; ++a) for (var o = r[a], s = o.length, c, l = 0; l < s; ++l) (c = o[l]) && Bi(c, e, t, l, o, n || Xa(c, t));
	return new Ka(r, this._parents, e, t);
}
zt.prototype.interrupt = Ki, zt.prototype.transition = Za;
// node_modules/d3-zoom/dist/d3-zoom.mjs
var Qa = (e) => () => e;
function $a(e, { sourceEvent: t, target: n, transform: r, dispatch: i }) {
	Object.defineProperties(this, {
		type: {
			value: e,
			enumerable: !0,
			configurable: !0
		},
		sourceEvent: {
			value: t,
			enumerable: !0,
			configurable: !0
		},
		target: {
			value: n,
			enumerable: !0,
			configurable: !0
		},
		transform: {
			value: r,
			enumerable: !0,
			configurable: !0
		},
		_: { value: i }
	});
}
function eo(e, t, n) {
	this.k = e, this.x = t, this.y = n;
}
eo.prototype = {
	constructor: eo,
	scale: function(e) {
		return e === 1 ? this : new eo(this.k * e, this.x, this.y);
	},
	translate: function(e, t) {
		return e === 0 & t === 0 ? this : new eo(this.k, this.x + this.k * e, this.y + this.k * t);
	},
	apply: function(e) {
		return [e[0] * this.k + this.x, e[1] * this.k + this.y];
	},
	applyX: function(e) {
		return e * this.k + this.x;
	},
	applyY: function(e) {
		return e * this.k + this.y;
	},
	invert: function(e) {
		return [(e[0] - this.x) / this.k, (e[1] - this.y) / this.k];
	},
	invertX: function(e) {
		return (e - this.x) / this.k;
	},
	invertY: function(e) {
		return (e - this.y) / this.k;
	},
	rescaleX: function(e) {
		return e.copy().domain(e.range().map(this.invertX, this).map(e.invert, e));
	},
	rescaleY: function(e) {
		return e.copy().domain(e.range().map(this.invertY, this).map(e.invert, e));
	},
	toString: function() {
		return "translate(" + this.x + "," + this.y + ") scale(" + this.k + ")";
	}
};
var to = new eo(1, 0, 0);
no.prototype = eo.prototype;
function no(e) {
	for (; !e.__zoom;) if (!(e = e.parentNode)) return to;
	return e.__zoom;
}
function ro(e) {
	e.stopImmediatePropagation();
}
function io(e) {
	e.preventDefault(), e.stopImmediatePropagation();
}
function ao(e) {
	return (!e.ctrlKey || e.type === "wheel") && !e.button;
}
function oo() {
	var e = this;
	return e instanceof SVGElement ? (e = e.ownerSVGElement || e, e.hasAttribute("viewBox") ? (e = e.viewBox.baseVal, [[e.x, e.y], [e.x + e.width, e.y + e.height]]) : [[0, 0], [e.width.baseVal.value, e.height.baseVal.value]]) : [[0, 0], [e.clientWidth, e.clientHeight]];
}
function so() {
	return this.__zoom || to;
}
function co(e) {
	return -e.deltaY * (e.deltaMode === 1 ? .05 : e.deltaMode ? 1 : .002) * (e.ctrlKey ? 10 : 1);
}
function lo() {
	return navigator.maxTouchPoints || "ontouchstart" in this;
}
function uo(e, t, n) {
	var r = e.invertX(t[0][0]) - n[0][0], i = e.invertX(t[1][0]) - n[1][0], a = e.invertY(t[0][1]) - n[0][1], o = e.invertY(t[1][1]) - n[1][1];
	return e.translate(i > r ? (r + i) / 2 : Math.min(0, r) || Math.max(0, i), o > a ? (a + o) / 2 : Math.min(0, a) || Math.max(0, o));
}
function fo() {
	var e = ao, t = oo, n = uo, r = co, i = lo, a = [0, Infinity], o = [[-Infinity, -Infinity], [Infinity, Infinity]], s = 250, c = ti, l = C("start", "zoom", "end"), u, d, f, p = 500, m = 150, h = 0, g = 10;
	function _(e) {
		e.property("__zoom", so).on("wheel.zoom", T, { passive: !1 }).on("mousedown.zoom", E).on("dblclick.zoom", D).filter(i).on("touchstart.zoom", O).on("touchmove.zoom", k).on("touchend.zoom touchcancel.zoom", A).style("-webkit-tap-highlight-color", "rgba(0,0,0,0)");
	}
	_.transform = function(e, t, n, r) {
		var i = e.selection ? e.selection() : e;
		i.property("__zoom", so), e === i ? i.interrupt().each(function() {
			S(this, arguments).event(r).start().zoom(null, typeof t == "function" ? t.apply(this, arguments) : t).end();
		}) : x(e, t, n, r);
	}, _.scaleBy = function(e, t, n, r) {
		_.scaleTo(e, function() {
			return this.__zoom.k * (typeof t == "function" ? t.apply(this, arguments) : t);
		}, n, r);
	}, _.scaleTo = function(e, r, i, a) {
		_.transform(e, function() {
			var e = t.apply(this, arguments), a = this.__zoom, s = i == null ? b(e) : typeof i == "function" ? i.apply(this, arguments) : i, c = a.invert(s), l = typeof r == "function" ? r.apply(this, arguments) : r;
			return n(y(v(a, l), s, c), e, o);
		}, i, a);
	}, _.translateBy = function(e, r, i, a) {
		_.transform(e, function() {
			return n(this.__zoom.translate(typeof r == "function" ? r.apply(this, arguments) : r, typeof i == "function" ? i.apply(this, arguments) : i), t.apply(this, arguments), o);
		}, null, a);
	}, _.translateTo = function(e, r, i, a, s) {
		_.transform(e, function() {
			var e = t.apply(this, arguments), s = this.__zoom, c = a == null ? b(e) : typeof a == "function" ? a.apply(this, arguments) : a;
			return n(to.translate(c[0], c[1]).scale(s.k).translate(typeof r == "function" ? -r.apply(this, arguments) : -r, typeof i == "function" ? -i.apply(this, arguments) : -i), e, o);
		}, a, s);
	};
	function v(e, t) {
		return t = Math.max(a[0], Math.min(a[1], t)), t === e.k ? e : new eo(t, e.x, e.y);
	}
	function y(e, t, n) {
		var r = t[0] - n[0] * e.k, i = t[1] - n[1] * e.k;
		return r === e.x && i === e.y ? e : new eo(e.k, r, i);
	}
	function b(e) {
		return [(+e[0][0] + +e[1][0]) / 2, (+e[0][1] + +e[1][1]) / 2];
	}
	function x(e, n, r, i) {
		e.on("start.zoom", function() {
			S(this, arguments).event(i).start();
		}).on("interrupt.zoom end.zoom", function() {
			S(this, arguments).event(i).end();
		}).tween("zoom", function() {
			var e = this, a = arguments, o = S(e, a).event(i), s = t.apply(e, a), l = r == null ? b(s) : typeof r == "function" ? r.apply(e, a) : r, u = Math.max(s[1][0] - s[0][0], s[1][1] - s[0][1]), d = e.__zoom, f = typeof n == "function" ? n.apply(e, a) : n, p = c(d.invert(l).concat(u / d.k), f.invert(l).concat(u / f.k));
			return function(e) {
				if (e === 1) e = f;
				else {
					var t = p(e), n = u / t[2];
					e = new eo(n, l[0] - t[0] * n, l[1] - t[1] * n);
				}
				o.zoom(null, e);
			};
		});
	}
	function S(e, t, n) {
		return !n && e.__zooming || new w(e, t);
	}
	function w(e, n) {
		this.that = e, this.args = n, this.active = 0, this.sourceEvent = null, this.extent = t.apply(e, n), this.taps = 0;
	}
	w.prototype = {
		event: function(e) {
			return e && (this.sourceEvent = e), this;
		},
		start: function() {
			return ++this.active === 1 && (this.that.__zooming = this, this.emit("start")), this;
		},
		zoom: function(e, t) {
			return this.mouse && e !== "mouse" && (this.mouse[1] = t.invert(this.mouse[0])), this.touch0 && e !== "touch" && (this.touch0[1] = t.invert(this.touch0[0])), this.touch1 && e !== "touch" && (this.touch1[1] = t.invert(this.touch1[0])), this.that.__zoom = t, this.emit("zoom"), this;
		},
		end: function() {
			return --this.active === 0 && (delete this.that.__zooming, this.emit("end")), this;
		},
		emit: function(e) {
			var t = Vt(this.that).datum();
			l.call(e, this.that, new $a(e, {
				sourceEvent: this.sourceEvent,
				target: _,
				transform: this.that.__zoom,
				dispatch: l
			}), t);
		}
	};
	function T(t, ...i) {
		if (!e.apply(this, arguments)) return;
		var s = S(this, i).event(t), c = this.__zoom, l = Math.max(a[0], Math.min(a[1], c.k * 2 ** r.apply(this, arguments))), u = Gt(t);
		if (s.wheel) (s.mouse[0][0] !== u[0] || s.mouse[0][1] !== u[1]) && (s.mouse[1] = c.invert(s.mouse[0] = u)), clearTimeout(s.wheel);
		else if (c.k === l) return;
		else s.mouse = [u, c.invert(u)], Gi(this), s.start();
		io(t), s.wheel = setTimeout(d, m), s.zoom("mouse", n(y(v(c, l), s.mouse[0], s.mouse[1]), s.extent, o));
		function d() {
			s.wheel = null, s.end();
		}
	}
	function E(t, ...r) {
		if (f || !e.apply(this, arguments)) return;
		var i = t.currentTarget, a = S(this, r, !0).event(t), s = Vt(t.view).on("mousemove.zoom", d, !0).on("mouseup.zoom", p, !0), c = Gt(t, i), l = t.clientX, u = t.clientY;
		Xt(t.view), ro(t), a.mouse = [c, this.__zoom.invert(c)], Gi(this), a.start();
		function d(e) {
			if (io(e), !a.moved) {
				var t = e.clientX - l, r = e.clientY - u;
				a.moved = t * t + r * r > h;
			}
			a.event(e).zoom("mouse", n(y(a.that.__zoom, a.mouse[0] = Gt(e, i), a.mouse[1]), a.extent, o));
		}
		function p(e) {
			s.on("mousemove.zoom mouseup.zoom", null), Zt(e.view, a.moved), io(e), a.event(e).end();
		}
	}
	function D(r, ...i) {
		if (e.apply(this, arguments)) {
			var a = this.__zoom, c = Gt(r.changedTouches ? r.changedTouches[0] : r, this), l = a.invert(c), u = a.k * (r.shiftKey ? .5 : 2), d = n(y(v(a, u), c, l), t.apply(this, i), o);
			io(r), s > 0 ? Vt(this).transition().duration(s).call(x, d, c, r) : Vt(this).call(_.transform, d, c, r);
		}
	}
	function O(t, ...n) {
		if (e.apply(this, arguments)) {
			var r = t.touches, i = r.length, a = S(this, n, t.changedTouches.length === i).event(t), o, s, c, l;
			for (ro(t), s = 0; s < i; ++s) c = r[s], l = Gt(c, this), l = [
				l,
				this.__zoom.invert(l),
				c.identifier
			], a.touch0 ? !a.touch1 && a.touch0[2] !== l[2] && (a.touch1 = l, a.taps = 0) : (a.touch0 = l, o = !0, a.taps = 1 + !!u);
			u &&= clearTimeout(u), o && (a.taps < 2 && (d = l[0], u = setTimeout(function() {
				u = null;
			}, p)), Gi(this), a.start());
		}
	}
	function k(e, ...t) {
		if (this.__zooming) {
			var r = S(this, t).event(e), i = e.changedTouches, a = i.length, s, c, l, u;
			for (io(e), s = 0; s < a; ++s) c = i[s], l = Gt(c, this), r.touch0 && r.touch0[2] === c.identifier ? r.touch0[0] = l : r.touch1 && r.touch1[2] === c.identifier && (r.touch1[0] = l);
			if (c = r.that.__zoom, r.touch1) {
				var d = r.touch0[0], f = r.touch0[1], p = r.touch1[0], m = r.touch1[1], h = (h = p[0] - d[0]) * h + (h = p[1] - d[1]) * h, g = (g = m[0] - f[0]) * g + (g = m[1] - f[1]) * g;
				c = v(c, Math.sqrt(h / g)), l = [(d[0] + p[0]) / 2, (d[1] + p[1]) / 2], u = [(f[0] + m[0]) / 2, (f[1] + m[1]) / 2];
			} else if (r.touch0) l = r.touch0[0], u = r.touch0[1];
			else return;
			r.zoom("touch", n(y(c, l, u), r.extent, o));
		}
	}
	function A(e, ...t) {
		if (this.__zooming) {
			var n = S(this, t).event(e), r = e.changedTouches, i = r.length, a, o;
			for (ro(e), f && clearTimeout(f), f = setTimeout(function() {
				f = null;
			}, p), a = 0; a < i; ++a) o = r[a], n.touch0 && n.touch0[2] === o.identifier ? delete n.touch0 : n.touch1 && n.touch1[2] === o.identifier && delete n.touch1;
			if (n.touch1 && !n.touch0 && (n.touch0 = n.touch1, delete n.touch1), n.touch0) n.touch0[1] = this.__zoom.invert(n.touch0[0]);
			else if (n.end(), n.taps === 2 && (o = Gt(o, this), Math.hypot(d[0] - o[0], d[1] - o[1]) < g)) {
				var s = Vt(this).on("dblclick.zoom");
				s && s.apply(this, arguments);
			}
		}
	}
	return _.wheelDelta = function(e) {
		return arguments.length ? (r = typeof e == "function" ? e : Qa(+e), _) : r;
	}, _.filter = function(t) {
		return arguments.length ? (e = typeof t == "function" ? t : Qa(!!t), _) : e;
	}, _.touchable = function(e) {
		return arguments.length ? (i = typeof e == "function" ? e : Qa(!!e), _) : i;
	}, _.extent = function(e) {
		return arguments.length ? (t = typeof e == "function" ? e : Qa([[+e[0][0], +e[0][1]], [+e[1][0], +e[1][1]]]), _) : t;
	}, _.scaleExtent = function(e) {
		return arguments.length ? (a[0] = +e[0], a[1] = +e[1], _) : [a[0], a[1]];
	}, _.translateExtent = function(e) {
		return arguments.length ? (o[0][0] = +e[0][0], o[1][0] = +e[1][0], o[0][1] = +e[0][1], o[1][1] = +e[1][1], _) : [[o[0][0], o[0][1]], [o[1][0], o[1][1]]];
	}, _.constrain = function(e) {
		return arguments.length ? (n = e, _) : n;
	}, _.duration = function(e) {
		return arguments.length ? (s = +e, _) : s;
	}, _.interpolate = function(e) {
		return arguments.length ? (c = e, _) : c;
	}, _.on = function() {
		var e = l.on.apply(l, arguments);
		return e === l ? _ : e;
	}, _.clickDistance = function(e) {
		return arguments.length ? (h = (e = +e) * e, _) : Math.sqrt(h);
	}, _.tapDistance = function(e) {
		return arguments.length ? (g = +e, _) : g;
	}, _;
}
// node_modules/@xyflow/system/dist/esm/index.js
var po = {
	error001: (e = "react") => `Seems like you have not used ${e === "svelte" ? "SvelteFlowProvider" : "ReactFlowProvider"} as an ancestor. Help: https://${e}flow.dev/error#001`,
	error002: () => "It looks like you've created a new nodeTypes or edgeTypes object. If this wasn't on purpose please define the nodeTypes/edgeTypes outside of the component or memoize them.",
	error003: (e) => `Node type "${e}" not found. Using fallback type "default".`,
	error004: () => "The parent container needs a width and a height to render the graph.",
	error005: () => "Only child nodes can use a parent extent.",
	error006: () => "Can't create edge. An edge needs a source and a target.",
	error007: (e) => `The old edge with id=${e} does not exist.`,
	error009: (e) => `Marker type "${e}" doesn't exist.`,
	error008: (e, { id: t, sourceHandle: n, targetHandle: r }) => `Couldn't create edge for ${e} handle id: "${e === "source" ? n : r}", edge id: ${t}.`,
	error010: () => "Handle: No node id found. Make sure to only use a Handle inside a custom Node.",
	error011: (e) => `Edge type "${e}" not found. Using fallback type "default".`,
	error012: (e) => `Node with id "${e}" does not exist, it may have been removed. This can happen when a node is deleted before the "onNodeClick" handler is called.`,
	error013: (e = "react") => `It seems that you haven't loaded the styles. Please import '@xyflow/${e}/dist/style.css' or base.css to make sure everything is working properly.`,
	error014: () => "useNodeConnections: No node ID found. Call useNodeConnections inside a custom Node or provide a node ID.",
	error015: () => "It seems that you are trying to drag a node that is not initialized. Please use onNodesChange as explained in the docs.",
	error016: (e) => `Edge with id "${e}" does not exist, it may have been removed. This can happen when an edge is deleted before the "onEdgeClick" handler is called.`
}, mo = [[-Infinity, -Infinity], [Infinity, Infinity]], ho = [
	"Enter",
	" ",
	"Escape"
], go = {
	"node.a11yDescription.default": "Press enter or space to select a node. Press delete to remove it and escape to cancel.",
	"node.a11yDescription.keyboardDisabled": "Press enter or space to select a node. You can then use the arrow keys to move the node around. Press delete to remove it and escape to cancel.",
	"node.a11yDescription.ariaLiveMessage": ({ direction: e, x: t, y: n }) => `Moved selected node ${e}. New position, x: ${t}, y: ${n}`,
	"edge.a11yDescription.default": "Press enter or space to select an edge. You can then press delete to remove it or escape to cancel.",
	"controls.ariaLabel": "Control Panel",
	"controls.zoomIn.ariaLabel": "Zoom In",
	"controls.zoomOut.ariaLabel": "Zoom Out",
	"controls.fitView.ariaLabel": "Fit View",
	"controls.interactive.ariaLabel": "Toggle Interactivity",
	"minimap.ariaLabel": "Mini Map",
	"handle.ariaLabel": "Handle"
}, _o;
(function(e) {
	e.Strict = "strict", e.Loose = "loose";
})(_o ||= {});
var vo;
(function(e) {
	e.Free = "free", e.Vertical = "vertical", e.Horizontal = "horizontal";
})(vo ||= {});
var yo;
(function(e) {
	e.Partial = "partial", e.Full = "full";
})(yo ||= {});
var G = {
	inProgress: !1,
	isValid: null,
	from: null,
	fromHandle: null,
	fromPosition: null,
	fromNode: null,
	to: null,
	toHandle: null,
	toPosition: null,
	toNode: null,
	pointer: null
}, bo;
(function(e) {
	e.Bezier = "default", e.Straight = "straight", e.Step = "step", e.SmoothStep = "smoothstep", e.SimpleBezier = "simplebezier";
})(bo ||= {});
var xo;
(function(e) {
	e.Arrow = "arrow", e.ArrowClosed = "arrowclosed";
})(xo ||= {});
var K;
(function(e) {
	e.Left = "left", e.Top = "top", e.Right = "right", e.Bottom = "bottom";
})(K ||= {});
var So = {
	[K.Left]: K.Right,
	[K.Right]: K.Left,
	[K.Top]: K.Bottom,
	[K.Bottom]: K.Top
}, Co = (e) => !!e && typeof e == "object" && "id" in e && "source" in e && "target" in e, wo = (e) => !!e && typeof e == "object" && "id" in e && "position" in e && !("source" in e) && !("target" in e), q = (e) => !!e && typeof e == "object" && "id" in e && "internals" in e && !("source" in e) && !("target" in e), To = (e, t = [0, 0]) => {
	let { width: n, height: r } = as(e), i = e.origin ?? t, a = n * i[0], o = r * i[1];
	return {
		x: e.position.x - a,
		y: e.position.y - o
	};
}, Eo = (e, t = { nodeOrigin: [0, 0] }) => {
	if (e.length === 0) return {
		x: 0,
		y: 0,
		width: 0,
		height: 0
	};
	let n = !1, r = e.reduce((e, r) => {
		let i = typeof r == "string", a = !t.nodeLookup && !i ? r : void 0;
		return t.nodeLookup && (a = i ? t.nodeLookup.get(r) : q(r) ? r : t.nodeLookup.get(r.id)), a ? (n = !0, zo(e, Uo(a, t.nodeOrigin))) : e;
	}, {
		x: Infinity,
		y: Infinity,
		x2: -Infinity,
		y2: -Infinity
	});
	return n ? Vo(r) : {
		x: 0,
		y: 0,
		width: 0,
		height: 0
	};
}, Do = (e, t = {}) => {
	let n = {
		x: Infinity,
		y: Infinity,
		x2: -Infinity,
		y2: -Infinity
	}, r = !1;
	return e.forEach((e) => {
		(t.filter === void 0 || t.filter(e)) && (n = zo(n, Uo(e)), r = !0);
	}), r ? Vo(n) : {
		x: 0,
		y: 0,
		width: 0,
		height: 0
	};
}, Oo = (e, t, [n, r, i] = [
	0,
	0,
	1
], a = !1, o = !1) => {
	let s = (t.x - n) / i, c = (t.y - r) / i, l = t.width / i, u = t.height / i, d = [];
	for (let t of e.values()) {
		let { measured: e, selectable: n = !0, hidden: r = !1 } = t;
		if (o && !n || r) continue;
		let i = e.width ?? t.width ?? t.initialWidth ?? 0, f = e.height ?? t.height ?? t.initialHeight ?? 0, { x: p, y: m } = t.internals.positionAbsolute, h = Go(s, c, l, u, p, m, i, f), g = i * f, _ = a && h > 0;
		(!t.internals.handleBounds || _ || h >= g || t.dragging) && d.push(t);
	}
	return d;
}, ko = (e, t) => {
	let n = /* @__PURE__ */ new Set();
	return e.forEach((e) => {
		n.add(e.id);
	}), t.filter((e) => n.has(e.source) || n.has(e.target));
};
function Ao(e, t) {
	let n = /* @__PURE__ */ new Map(), r = t?.nodes ? new Set(t.nodes.map((e) => e.id)) : null;
	return e.forEach((e) => {
		let i;
		if (t?.includeHiddenNodes) {
			let { width: t, height: n } = as(e);
			i = t > 0 && n > 0;
		} else i = !!(e.measured.width && e.measured.height && !e.hidden);
		i && (!r || r.has(e.id)) && n.set(e.id, e);
	}), n;
}
async function jo({ nodes: e, width: t, height: n, panZoom: r, minZoom: i, maxZoom: a }, o) {
	if (e.size === 0) return !0;
	let s = ns(Do(Ao(e, o)), t, n, o?.minZoom ?? i, o?.maxZoom ?? a, o?.padding ?? .1);
	return await r.setViewport(s, {
		duration: o?.duration,
		ease: o?.ease,
		interpolate: o?.interpolate
	}), !0;
}
function Mo({ nodeId: e, nextPosition: t, nodeLookup: n, nodeOrigin: r = [0, 0], nodeExtent: i, onError: a }) {
	let o = n.get(e), s = o.parentId ? n.get(o.parentId) : void 0, { x: c, y: l } = s ? s.internals.positionAbsolute : {
		x: 0,
		y: 0
	}, u = o.origin ?? r, d = o.extent || i;
	if (o.extent === "parent" && !o.expandParent) {
		if (!s) a?.("005", po.error005());
		else {
			let { width: e, height: t } = as(s);
			e && t && (d = [[c, l], [c + e, l + t]]);
		}
	} else s && is(o.extent) && (d = [[o.extent[0][0] + c, o.extent[0][1] + l], [o.extent[1][0] + c, o.extent[1][1] + l]]);
	let f = is(d) ? Fo(t, d, o.measured) : t;
	return (o.measured.width === void 0 || o.measured.height === void 0) && a?.("015", po.error015()), {
		position: {
			x: f.x - c + (o.measured.width ?? 0) * u[0],
			y: f.y - l + (o.measured.height ?? 0) * u[1]
		},
		positionAbsolute: f
	};
}
async function No({ nodesToRemove: e = [], edgesToRemove: t = [], nodes: n, edges: r, onBeforeDelete: i }) {
	let a = new Set(e.map((e) => e.id)), o = [];
	for (let e of n) {
		if (e.deletable === !1) continue;
		let t = a.has(e.id), n = !t && e.parentId && o.find((t) => t.id === e.parentId);
		(t || n) && o.push(e);
	}
	let s = new Set(t.map((e) => e.id)), c = r.filter((e) => e.deletable !== !1), l = ko(o, c);
	for (let e of c) s.has(e.id) && !l.find((t) => t.id === e.id) && l.push(e);
	if (!i) return {
		edges: l,
		nodes: o
	};
	let u = await i({
		nodes: o,
		edges: l
	});
	return typeof u == "boolean" ? u ? {
		edges: l,
		nodes: o
	} : {
		edges: [],
		nodes: []
	} : u;
}
var Po = (e, t = 0, n = 1) => Math.min(Math.max(e, t), n), Fo = (e = {
	x: 0,
	y: 0
}, t, n) => ({
	x: Po(e.x, t[0][0], t[1][0] - (n?.width ?? 0)),
	y: Po(e.y, t[0][1], t[1][1] - (n?.height ?? 0))
});
function Io(e, t, n) {
	let { width: r, height: i } = as(n), { x: a, y: o } = n.internals.positionAbsolute;
	return Fo(e, [[a, o], [a + r, o + i]], t);
}
var Lo = (e, t, n) => e < t ? Po(Math.abs(e - t), 1, t) / t : e > n ? -Po(Math.abs(e - n), 1, t) / t : 0, Ro = (e, t, n = 15, r = 40) => [Lo(e.x, r, t.width - r) * n, Lo(e.y, r, t.height - r) * n], zo = (e, t) => ({
	x: Math.min(e.x, t.x),
	y: Math.min(e.y, t.y),
	x2: Math.max(e.x2, t.x2),
	y2: Math.max(e.y2, t.y2)
}), Bo = ({ x: e, y: t, width: n, height: r }) => ({
	x: e,
	y: t,
	x2: e + n,
	y2: t + r
}), Vo = ({ x: e, y: t, x2: n, y2: r }) => ({
	x: e,
	y: t,
	width: n - e,
	height: r - t
}), Ho = (e, t = [0, 0]) => {
	let { x: n, y: r } = q(e) ? e.internals.positionAbsolute : To(e, t);
	return {
		x: n,
		y: r,
		width: e.measured?.width ?? e.width ?? e.initialWidth ?? 0,
		height: e.measured?.height ?? e.height ?? e.initialHeight ?? 0
	};
}, Uo = (e, t = [0, 0]) => {
	let { x: n, y: r } = q(e) ? e.internals.positionAbsolute : To(e, t);
	return {
		x: n,
		y: r,
		x2: n + (e.measured?.width ?? e.width ?? e.initialWidth ?? 0),
		y2: r + (e.measured?.height ?? e.height ?? e.initialHeight ?? 0)
	};
}, Wo = (e, t) => Vo(zo(Bo(e), Bo(t))), Go = (e, t, n, r, i, a, o, s) => {
	let c = Math.max(0, Math.min(e + n, i + o) - Math.max(e, i)), l = Math.max(0, Math.min(t + r, a + s) - Math.max(t, a));
	return Math.ceil(c * l);
}, Ko = (e, t) => Go(e.x, e.y, e.width, e.height, t.x, t.y, t.width, t.height), qo = (e) => Jo(e.width) && Jo(e.height) && Jo(e.x) && Jo(e.y), Jo = (e) => !isNaN(e) && isFinite(e), Yo = (e, t) => (e, t) => {}, Xo = (e, t = [1, 1]) => ({
	x: t[0] * Math.round(e.x / t[0]),
	y: t[1] * Math.round(e.y / t[1])
}), Zo = ({ x: e, y: t }, [n, r, i], a = !1, o = [1, 1]) => {
	let s = {
		x: (e - n) / i,
		y: (t - r) / i
	};
	return a ? Xo(s, o) : s;
}, Qo = ({ x: e, y: t }, [n, r, i]) => ({
	x: e * i + n,
	y: t * i + r
});
function $o(e, t) {
	if (typeof e == "number") return Math.floor((t - t / (1 + e)) * .5);
	if (typeof e == "string" && e.endsWith("px")) {
		let t = parseFloat(e);
		if (!Number.isNaN(t)) return Math.floor(t);
	}
	if (typeof e == "string" && e.endsWith("%")) {
		let n = parseFloat(e);
		if (!Number.isNaN(n)) return Math.floor(t * n * .01);
	}
	return console.error(`The padding value "${e}" is invalid. Please provide a number or a string with a valid unit (px or %).`), 0;
}
function es(e, t, n) {
	if (typeof e == "string" || typeof e == "number") {
		let r = $o(e, n), i = $o(e, t);
		return {
			top: r,
			right: i,
			bottom: r,
			left: i,
			x: i * 2,
			y: r * 2
		};
	}
	if (typeof e == "object") {
		let r = $o(e.top ?? e.y ?? 0, n), i = $o(e.bottom ?? e.y ?? 0, n), a = $o(e.left ?? e.x ?? 0, t), o = $o(e.right ?? e.x ?? 0, t);
		return {
			top: r,
			right: o,
			bottom: i,
			left: a,
			x: a + o,
			y: r + i
		};
	}
	return {
		top: 0,
		right: 0,
		bottom: 0,
		left: 0,
		x: 0,
		y: 0
	};
}
function ts(e, t, n, r, i, a) {
	let { x: o, y: s } = Qo(e, [
		t,
		n,
		r
	]), { x: c, y: l } = Qo({
		x: e.x + e.width,
		y: e.y + e.height
	}, [
		t,
		n,
		r
	]), u = i - c, d = a - l;
	return {
		left: Math.floor(o),
		top: Math.floor(s),
		right: Math.floor(u),
		bottom: Math.floor(d)
	};
}
var ns = (e, t, n, r, i, a) => {
	let o = es(a, t, n), s = (t - o.x) / e.width, c = (n - o.y) / e.height, l = Po(Math.min(s, c), r, i), u = e.x + e.width / 2, d = e.y + e.height / 2, f = t / 2 - u * l, p = n / 2 - d * l, m = ts(e, f, p, l, t, n), h = {
		left: Math.min(m.left - o.left, 0),
		top: Math.min(m.top - o.top, 0),
		right: Math.min(m.right - o.right, 0),
		bottom: Math.min(m.bottom - o.bottom, 0)
	};
	return {
		x: f - h.left + h.right,
		y: p - h.top + h.bottom,
		zoom: l
	};
}, rs = () => typeof navigator < "u" && navigator?.userAgent?.indexOf("Mac") >= 0;
function is(e) {
	return e != null && e !== "parent";
}
function as(e) {
	return {
		width: e.measured?.width ?? e.width ?? e.initialWidth ?? 0,
		height: e.measured?.height ?? e.height ?? e.initialHeight ?? 0
	};
}
function os(e) {
	return (e.measured?.width ?? e.width ?? e.initialWidth) !== void 0 && (e.measured?.height ?? e.height ?? e.initialHeight) !== void 0;
}
function ss(e, t = {
	width: 0,
	height: 0
}, n, r, i) {
	let a = { ...e }, o = r.get(n);
	if (o) {
		let e = o.origin || i;
		a.x += o.internals.positionAbsolute.x - (t.width ?? 0) * e[0], a.y += o.internals.positionAbsolute.y - (t.height ?? 0) * e[1];
	}
	return a;
}
function cs(e, t) {
	if (e.size !== t.size) return !1;
	for (let n of e) if (!t.has(n)) return !1;
	return !0;
}
function ls() {
	let e, t;
	return {
		promise: new Promise((n, r) => {
			e = n, t = r;
		}),
		resolve: e,
		reject: t
	};
}
function us(e) {
	return {
		...go,
		...e || {}
	};
}
function ds(e) {
	return e === null ? null : e ? "valid" : "invalid";
}
function fs(e, { snapGrid: t = [0, 0], snapToGrid: n = !1, transform: r, containerBounds: i }) {
	let { x: a, y: o } = vs(e), s = Zo({
		x: a - (i?.left ?? 0),
		y: o - (i?.top ?? 0)
	}, r), { x: c, y: l } = n ? Xo(s, t) : s;
	return {
		xSnapped: c,
		ySnapped: l,
		...s
	};
}
var ps = (e) => ({
	width: e.offsetWidth,
	height: e.offsetHeight
}), ms = (e) => e?.getRootNode?.() || window?.document, hs = [
	"INPUT",
	"SELECT",
	"TEXTAREA"
];
function gs(e) {
	let t = e.composedPath?.()?.[0] || e.target;
	return t?.nodeType === 1 ? hs.includes(t.nodeName) || t.hasAttribute("contenteditable") || !!t.closest(".nokey") : !1;
}
var _s = (e) => "clientX" in e, vs = (e, t) => {
	let n = _s(e), r = n ? e.clientX : e.touches?.[0].clientX, i = n ? e.clientY : e.touches?.[0].clientY;
	return {
		x: r - (t?.left ?? 0),
		y: i - (t?.top ?? 0)
	};
}, ys = (e, t, n, r, i) => {
	let a = t.querySelectorAll(`.${e}`);
	return !a || !a.length ? null : Array.from(a).map((t) => {
		let a = t.getBoundingClientRect();
		return {
			id: t.getAttribute("data-handleid"),
			type: e,
			nodeId: i,
			position: t.getAttribute("data-handlepos"),
			x: (a.left - n.left) / r,
			y: (a.top - n.top) / r,
			...ps(t)
		};
	});
};
function bs({ sourceX: e, sourceY: t, targetX: n, targetY: r, sourceControlX: i, sourceControlY: a, targetControlX: o, targetControlY: s }) {
	let c = e * .125 + i * .375 + o * .375 + n * .125, l = t * .125 + a * .375 + s * .375 + r * .125;
	return [
		c,
		l,
		Math.abs(c - e),
		Math.abs(l - t)
	];
}
function xs(e, t) {
	return e >= 0 ? .5 * e : t * 25 * Math.sqrt(-e);
}
function Ss({ pos: e, x1: t, y1: n, x2: r, y2: i, c: a }) {
	switch (e) {
		case K.Left: return [t - xs(t - r, a), n];
		case K.Right: return [t + xs(r - t, a), n];
		case K.Top: return [t, n - xs(n - i, a)];
		case K.Bottom: return [t, n + xs(i - n, a)];
	}
}
function Cs({ sourceX: e, sourceY: t, sourcePosition: n = K.Bottom, targetX: r, targetY: i, targetPosition: a = K.Top, curvature: o = .25 }) {
	let [s, c] = Ss({
		pos: n,
		x1: e,
		y1: t,
		x2: r,
		y2: i,
		c: o
	}), [l, u] = Ss({
		pos: a,
		x1: r,
		y1: i,
		x2: e,
		y2: t,
		c: o
	}), [d, f, p, m] = bs({
		sourceX: e,
		sourceY: t,
		targetX: r,
		targetY: i,
		sourceControlX: s,
		sourceControlY: c,
		targetControlX: l,
		targetControlY: u
	});
	return [
		`M${e},${t} C${s},${c} ${l},${u} ${r},${i}`,
		d,
		f,
		p,
		m
	];
}
function ws({ sourceX: e, sourceY: t, targetX: n, targetY: r }) {
	let i = Math.abs(n - e) / 2, a = n < e ? n + i : n - i, o = Math.abs(r - t) / 2;
	return [
		a,
		r < t ? r + o : r - o,
		i,
		o
	];
}
function Ts({ sourceNode: e, targetNode: t, selected: n = !1, zIndex: r = 0, elevateOnSelect: i = !1, zIndexMode: a = "basic" }) {
	return a === "manual" ? r : (i && n ? r + 1e3 : r) + Math.max(e.parentId || i && e.selected ? e.internals.z : 0, t.parentId || i && t.selected ? t.internals.z : 0);
}
function Es({ sourceNode: e, targetNode: t, width: n, height: r, transform: i }) {
	let a = zo(Uo(e), Uo(t));
	return a.x === a.x2 && (a.x2 += 1), a.y === a.y2 && (a.y2 += 1), Ko({
		x: -i[0] / i[2],
		y: -i[1] / i[2],
		width: n / i[2],
		height: r / i[2]
	}, Vo(a)) > 0;
}
var Ds = ({ source: e, sourceHandle: t, target: n, targetHandle: r }) => `xy-edge__${e}${t || ""}-${n}${r || ""}`, Os = (e, t) => t.some((t) => t.source === e.source && t.target === e.target && (t.sourceHandle === e.sourceHandle || !t.sourceHandle && !e.sourceHandle) && (t.targetHandle === e.targetHandle || !t.targetHandle && !e.targetHandle)), ks = (e, t, n = {}) => {
	if (!e.source || !e.target) return n.onError?.("006", po.error006()), t;
	let r = n.getEdgeId || Ds, i;
	return i = Co(e) ? { ...e } : {
		...e,
		id: r(e)
	}, Os(i, t) ? t : (i.sourceHandle === null && delete i.sourceHandle, i.targetHandle === null && delete i.targetHandle, t.concat(i));
};
function As({ sourceX: e, sourceY: t, targetX: n, targetY: r }) {
	let [i, a, o, s] = ws({
		sourceX: e,
		sourceY: t,
		targetX: n,
		targetY: r
	});
	return [
		`M ${e},${t}L ${n},${r}`,
		i,
		a,
		o,
		s
	];
}
var js = {
	[K.Left]: {
		x: -1,
		y: 0
	},
	[K.Right]: {
		x: 1,
		y: 0
	},
	[K.Top]: {
		x: 0,
		y: -1
	},
	[K.Bottom]: {
		x: 0,
		y: 1
	}
}, Ms = ({ source: e, sourcePosition: t = K.Bottom, target: n }) => t === K.Left || t === K.Right ? e.x < n.x ? {
	x: 1,
	y: 0
} : {
	x: -1,
	y: 0
} : e.y < n.y ? {
	x: 0,
	y: 1
} : {
	x: 0,
	y: -1
}, Ns = (e, t) => Math.sqrt((t.x - e.x) ** 2 + (t.y - e.y) ** 2), Ps = (e, t, n) => e.x === t.x && t.x === n.x && (t.y - e.y) * (n.y - t.y) >= 0 || e.y === t.y && t.y === n.y && (t.x - e.x) * (n.x - t.x) >= 0;
function Fs({ source: e, sourcePosition: t = K.Bottom, target: n, targetPosition: r = K.Top, center: i, offset: a, stepPosition: o }) {
	let s = js[t], c = js[r], l = {
		x: e.x + s.x * a,
		y: e.y + s.y * a
	}, u = {
		x: n.x + c.x * a,
		y: n.y + c.y * a
	}, d = Ms({
		source: l,
		sourcePosition: t,
		target: u
	}), f = d.x === 0 ? "y" : "x", p = d[f], m = [], h, g, _ = {
		x: 0,
		y: 0
	}, v = {
		x: 0,
		y: 0
	}, [, , y, b] = ws({
		sourceX: e.x,
		sourceY: e.y,
		targetX: n.x,
		targetY: n.y
	});
	if (s[f] * c[f] === -1) {
		f === "x" ? (h = i.x ?? l.x + (u.x - l.x) * o, g = i.y ?? (l.y + u.y) / 2) : (h = i.x ?? (l.x + u.x) / 2, g = i.y ?? l.y + (u.y - l.y) * o);
		let e = [{
			x: h,
			y: l.y
		}, {
			x: h,
			y: u.y
		}], t = [{
			x: l.x,
			y: g
		}, {
			x: u.x,
			y: g
		}];
		m = s[f] === p ? f === "x" ? e : t : f === "x" ? t : e;
	} else {
		let i = [{
			x: l.x,
			y: u.y
		}], o = [{
			x: u.x,
			y: l.y
		}];
		if (m = f === "x" ? s.x === p ? o : i : s.y === p ? i : o, t === r) {
			let t = Math.abs(e[f] - n[f]);
			if (t <= a) {
				let r = Math.min(a - 1, a - t);
				s[f] === p ? _[f] = (l[f] > e[f] ? -1 : 1) * r : v[f] = (u[f] > n[f] ? -1 : 1) * r;
			}
		}
		if (t !== r) {
			let e = f === "x" ? "y" : "x", t = s[f] === c[e], n = l[e] > u[e], r = l[e] < u[e];
			(s[f] === 1 && (!t && n || t && r) || s[f] !== 1 && (!t && r || t && n)) && (m = f === "x" ? i : o);
		}
		let d = {
			x: l.x + _.x,
			y: l.y + _.y
		}, y = {
			x: u.x + v.x,
			y: u.y + v.y
		};
		Math.max(Math.abs(d.x - m[0].x), Math.abs(y.x - m[0].x)) >= Math.max(Math.abs(d.y - m[0].y), Math.abs(y.y - m[0].y)) ? (h = (d.x + y.x) / 2, g = m[0].y) : (h = m[0].x, g = (d.y + y.y) / 2);
	}
	let x = {
		x: l.x + _.x,
		y: l.y + _.y
	}, S = {
		x: u.x + v.x,
		y: u.y + v.y
	}, C = [];
	for (let t of [
		e,
		x,
		...m,
		S,
		n
	]) {
		let [e, n] = C.slice(-2);
		n && Ps(e, n, t) && C.pop(), C.push(t);
	}
	return [
		C,
		h,
		g,
		y,
		b
	];
}
function Is(e, t, n, r) {
	let i = Math.min(Ns(e, t) / 2, Ns(t, n) / 2, r), { x: a, y: o } = t;
	if (e.x === a && a === n.x || e.y === o && o === n.y) return `L${a} ${o}`;
	if (e.y === o) {
		let t = e.x < n.x ? -1 : 1, r = e.y < n.y ? 1 : -1;
		return `L ${a + i * t},${o}Q ${a},${o} ${a},${o + i * r}`;
	}
	let s = e.x < n.x ? 1 : -1;
	return `L ${a},${o + i * (e.y < n.y ? -1 : 1)}Q ${a},${o} ${a + i * s},${o}`;
}
function Ls({ sourceX: e, sourceY: t, sourcePosition: n = K.Bottom, targetX: r, targetY: i, targetPosition: a = K.Top, borderRadius: o = 5, centerX: s, centerY: c, offset: l = 20, stepPosition: u = .5 }) {
	let [d, f, p, m, h] = Fs({
		source: {
			x: e,
			y: t
		},
		sourcePosition: n,
		target: {
			x: r,
			y: i
		},
		targetPosition: a,
		center: {
			x: s,
			y: c
		},
		offset: l,
		stepPosition: u
	}), g = `M${d[0].x} ${d[0].y}`;
	for (let e = 1; e < d.length - 1; e++) g += Is(d[e - 1], d[e], d[e + 1], o);
	return g += `L${d[d.length - 1].x} ${d[d.length - 1].y}`, [
		g,
		f,
		p,
		m,
		h
	];
}
function Rs(e) {
	return e && !!(e.internals.handleBounds || e.handles?.length) && !!(e.measured.width || e.width || e.initialWidth);
}
function zs(e) {
	let { sourceNode: t, targetNode: n } = e;
	if (!Rs(t) || !Rs(n)) return null;
	let r = t.internals.handleBounds || Bs(t.handles), i = n.internals.handleBounds || Bs(n.handles), a = Hs(r?.source ?? [], e.sourceHandle), o = Hs(e.connectionMode === _o.Strict ? i?.target ?? [] : (i?.target ?? []).concat(i?.source ?? []), e.targetHandle);
	if (!a || !o) return e.onError?.("008", po.error008(a ? "target" : "source", {
		id: e.id,
		sourceHandle: e.sourceHandle,
		targetHandle: e.targetHandle
	})), null;
	let s = a?.position || K.Bottom, c = o?.position || K.Top, l = Vs(t, a, s), u = Vs(n, o, c);
	return {
		sourceX: l.x,
		sourceY: l.y,
		targetX: u.x,
		targetY: u.y,
		sourcePosition: s,
		targetPosition: c
	};
}
function Bs(e) {
	if (!e) return null;
	let t = [], n = [];
	for (let r of e) r.width = r.width ?? 1, r.height = r.height ?? 1, r.type === "source" ? t.push(r) : r.type === "target" && n.push(r);
	return {
		source: t,
		target: n
	};
}
function Vs(e, t, n = K.Left, r = !1) {
	let i = (t?.x ?? 0) + e.internals.positionAbsolute.x, a = (t?.y ?? 0) + e.internals.positionAbsolute.y, { width: o, height: s } = t ?? as(e);
	if (r) return {
		x: i + o / 2,
		y: a + s / 2
	};
	switch (t?.position ?? n) {
		case K.Top: return {
			x: i + o / 2,
			y: a
		};
		case K.Right: return {
			x: i + o,
			y: a + s / 2
		};
		case K.Bottom: return {
			x: i + o / 2,
			y: a + s
		};
		case K.Left: return {
			x: i,
			y: a + s / 2
		};
	}
}
function Hs(e, t) {
	return e && (t ? e.find((e) => e.id === t) : e[0]) || null;
}
function Us(e, t) {
	return e ? typeof e == "string" ? e : `${t ? `${t}__` : ""}${Object.keys(e).sort().map((t) => `${t}=${e[t]}`).join("&")}` : "";
}
function Ws(e, { id: t, defaultColor: n, defaultMarkerStart: r, defaultMarkerEnd: i }) {
	let a = /* @__PURE__ */ new Set();
	return e.reduce((e, o) => ([o.markerStart || r, o.markerEnd || i].forEach((r) => {
		if (r && typeof r == "object") {
			let i = Us(r, t);
			a.has(i) || (e.push({
				id: i,
				color: r.color || n,
				...r
			}), a.add(i));
		}
	}), e), []).sort((e, t) => e.id.localeCompare(t.id));
}
var Gs = 1e3, Ks = 10, qs = {
	nodeOrigin: [0, 0],
	nodeExtent: mo,
	elevateNodesOnSelect: !0,
	zIndexMode: "basic",
	defaults: {}
}, Js = {
	...qs,
	checkEquality: !0
};
function Ys(e, t) {
	let n = { ...e };
	for (let e in t) t[e] !== void 0 && (n[e] = t[e]);
	return n;
}
function Xs(e, t, n) {
	let r = Ys(qs, n);
	for (let n of e.values()) if (n.parentId) tc(n, e, t, r);
	else {
		let e = Fo(To(n, r.nodeOrigin), is(n.extent) ? n.extent : r.nodeExtent, as(n));
		n.internals.positionAbsolute = e;
	}
}
function Zs(e, t) {
	if (!e.handles) return e.measured ? t?.internals.handleBounds : void 0;
	let n = [], r = [];
	for (let t of e.handles) {
		let i = {
			id: t.id,
			width: t.width ?? 1,
			height: t.height ?? 1,
			nodeId: e.id,
			x: t.x,
			y: t.y,
			position: t.position,
			type: t.type
		};
		t.type === "source" ? n.push(i) : t.type === "target" && r.push(i);
	}
	return {
		source: n,
		target: r
	};
}
function Qs(e) {
	return e === "manual";
}
function $s(e, t, n, r = {}) {
	let i = Ys(Js, r), a = { i: 0 }, o = new Map(t), s = i?.elevateNodesOnSelect && !Qs(i.zIndexMode) ? Gs : 0, c = e.length > 0, l = !1;
	t.clear(), n.clear();
	for (let u of e) {
		let e = o.get(u.id);
		if (i.checkEquality && u === e?.internals.userNode) t.set(u.id, e);
		else {
			let n = Fo(To(u, i.nodeOrigin), is(u.extent) ? u.extent : i.nodeExtent, as(u));
			e = {
				...i.defaults,
				...u,
				measured: {
					width: u.measured?.width,
					height: u.measured?.height
				},
				internals: {
					positionAbsolute: n,
					handleBounds: Zs(u, e),
					z: nc(u, s, i.zIndexMode),
					userNode: u
				}
			}, t.set(u.id, e);
		}
		e.measured !== void 0 && e.measured.width !== void 0 && e.measured.height !== void 0 || e.hidden || (c = !1), u.parentId && tc(e, t, n, r, a), l ||= u.selected ?? !1;
	}
	return {
		nodesInitialized: c,
		hasSelectedNodes: l
	};
}
function ec(e, t) {
	if (!e.parentId) return;
	let n = t.get(e.parentId);
	n ? n.set(e.id, e) : t.set(e.parentId, /* @__PURE__ */ new Map([[e.id, e]]));
}
function tc(e, t, n, r, i) {
	let { elevateNodesOnSelect: a, nodeOrigin: o, nodeExtent: s, zIndexMode: c } = Ys(qs, r), l = e.parentId, u = t.get(l);
	if (!u) {
		console.warn(`Parent node ${l} not found. Please make sure that parent nodes are in front of their child nodes in the nodes array.`);
		return;
	}
	ec(e, n), i && !u.parentId && u.internals.rootParentIndex === void 0 && c === "auto" && (u.internals.rootParentIndex = ++i.i, u.internals.z = u.internals.z + i.i * Ks), i && u.internals.rootParentIndex !== void 0 && (i.i = u.internals.rootParentIndex);
	let { x: d, y: f, z: p } = rc(e, u, o, s, a && !Qs(c) ? Gs : 0, c), { positionAbsolute: m } = e.internals, h = d !== m.x || f !== m.y;
	(h || p !== e.internals.z) && t.set(e.id, {
		...e,
		internals: {
			...e.internals,
			positionAbsolute: h ? {
				x: d,
				y: f
			} : m,
			z: p
		}
	});
}
function nc(e, t, n) {
	let r = Jo(e.zIndex) ? e.zIndex : 0;
	return Qs(n) ? r : r + (e.selected ? t : 0);
}
function rc(e, t, n, r, i, a) {
	let { x: o, y: s } = t.internals.positionAbsolute, c = as(e), l = To(e, n), u = is(e.extent) ? Fo(l, e.extent, c) : l, d = Fo({
		x: o + u.x,
		y: s + u.y
	}, r, c);
	e.extent === "parent" && (d = Io(d, c, t));
	let f = nc(e, i, a), p = t.internals.z ?? 0;
	return {
		x: d.x,
		y: d.y,
		z: p >= f ? p + 1 : f
	};
}
function ic(e, t, n, r = [0, 0]) {
	let i = [], a = /* @__PURE__ */ new Map();
	for (let n of e) {
		let e = t.get(n.parentId);
		if (!e) continue;
		let r = Wo(a.get(n.parentId)?.expandedRect ?? Ho(e), n.rect);
		a.set(n.parentId, {
			expandedRect: r,
			parent: e
		});
	}
	return a.size > 0 && a.forEach(({ expandedRect: t, parent: a }, o) => {
		let s = a.internals.positionAbsolute, c = as(a), l = a.origin ?? r, u = t.x < s.x ? Math.round(Math.abs(s.x - t.x)) : 0, d = t.y < s.y ? Math.round(Math.abs(s.y - t.y)) : 0, f = Math.max(c.width, Math.round(t.width)), p = Math.max(c.height, Math.round(t.height)), m = (f - c.width) * l[0], h = (p - c.height) * l[1];
		(u > 0 || d > 0 || m || h) && (i.push({
			id: o,
			type: "position",
			position: {
				x: a.position.x - u + m,
				y: a.position.y - d + h
			}
		}), n.get(o)?.forEach((t) => {
			e.some((e) => e.id === t.id) || i.push({
				id: t.id,
				type: "position",
				position: {
					x: t.position.x + u,
					y: t.position.y + d
				}
			});
		})), (c.width < t.width || c.height < t.height || u || d) && i.push({
			id: o,
			type: "dimensions",
			setAttributes: !0,
			dimensions: {
				width: f + (u ? l[0] * u - m : 0),
				height: p + (d ? l[1] * d - h : 0)
			}
		});
	}), i;
}
function ac(e, t, n, r, i, a, o) {
	let s = r?.querySelector(".xyflow__viewport"), c = !1;
	if (!s) return {
		changes: [],
		updatedInternals: c
	};
	let l = [], u = window.getComputedStyle(s), { m22: d } = new window.DOMMatrixReadOnly(u.transform), f = [];
	for (let r of e.values()) {
		let e = t.get(r.id);
		if (!e) continue;
		if (e.hidden) {
			t.set(e.id, {
				...e,
				internals: {
					...e.internals,
					handleBounds: void 0
				}
			}), c = !0;
			continue;
		}
		let s = ps(r.nodeElement), u = e.measured.width !== s.width || e.measured.height !== s.height;
		if (s.width && s.height && (u || !e.internals.handleBounds || r.force)) {
			let p = r.nodeElement.getBoundingClientRect(), m = is(e.extent) ? e.extent : a, { positionAbsolute: h } = e.internals;
			if (e.parentId && e.extent === "parent") {
				let n = t.get(e.parentId);
				n && (h = Io(h, s, n));
			} else m && (h = Fo(h, m, s));
			let g = {
				...e,
				measured: s,
				internals: {
					...e.internals,
					positionAbsolute: h,
					handleBounds: {
						source: ys("source", r.nodeElement, p, d, e.id),
						target: ys("target", r.nodeElement, p, d, e.id)
					}
				}
			};
			t.set(e.id, g), e.parentId && tc(g, t, n, {
				nodeOrigin: i,
				zIndexMode: o
			}), c = !0, u && (l.push({
				id: e.id,
				type: "dimensions",
				dimensions: s
			}), e.expandParent && e.parentId && f.push({
				id: e.id,
				parentId: e.parentId,
				rect: Ho(g, i)
			}));
		}
	}
	if (f.length > 0) {
		let e = ic(f, t, n, i);
		l.push(...e);
	}
	return {
		changes: l,
		updatedInternals: c
	};
}
async function oc({ delta: e, panZoom: t, transform: n, translateExtent: r, width: i, height: a }) {
	if (!t || !e.x && !e.y) return !1;
	let o = await t.setViewportConstrained({
		x: n[0] + e.x,
		y: n[1] + e.y,
		zoom: n[2]
	}, [[0, 0], [i, a]], r);
	return !!o && (o.x !== n[0] || o.y !== n[1] || o.k !== n[2]);
}
function sc(e, t, n, r, i, a) {
	let o = i, s = r.get(o) || /* @__PURE__ */ new Map();
	r.set(o, s.set(n, t)), o = `${i}-${e}`;
	let c = r.get(o) || /* @__PURE__ */ new Map();
	if (r.set(o, c.set(n, t)), a) {
		o = `${i}-${e}-${a}`;
		let s = r.get(o) || /* @__PURE__ */ new Map();
		r.set(o, s.set(n, t));
	}
}
function cc(e, t, n) {
	e.clear(), t.clear();
	for (let r of n) {
		let { source: n, target: i, sourceHandle: a = null, targetHandle: o = null } = r, s = {
			edgeId: r.id,
			source: n,
			target: i,
			sourceHandle: a,
			targetHandle: o
		}, c = `${n}-${a}--${i}-${o}`;
		sc("source", s, `${i}-${o}--${n}-${a}`, e, n, a), sc("target", s, c, e, i, o), t.set(r.id, r);
	}
}
function lc(e, t) {
	if (!e.parentId) return !1;
	let n = t.get(e.parentId);
	return n ? n.selected ? !0 : lc(n, t) : !1;
}
function uc(e, t, n) {
	let r = e;
	do {
		if (r?.matches?.(t)) return !0;
		if (r === n) return !1;
		r = r?.parentElement;
	} while (r);
	return !1;
}
function dc(e, t, n, r, i) {
	let a = /* @__PURE__ */ new Map();
	for (let [o, s] of e) if ((i ? s.id === r : s.selected || s.id === r) && (i || !s.parentId || !lc(s, e)) && (s.draggable || t && s.draggable === void 0)) {
		let t = e.get(o);
		t && a.set(o, {
			id: o,
			position: t.position || {
				x: 0,
				y: 0
			},
			distance: {
				x: n.x - t.internals.positionAbsolute.x,
				y: n.y - t.internals.positionAbsolute.y
			},
			extent: t.extent,
			parentId: t.parentId,
			origin: t.origin,
			expandParent: t.expandParent,
			internals: { positionAbsolute: t.internals.positionAbsolute || {
				x: 0,
				y: 0
			} },
			measured: {
				width: t.measured.width ?? 0,
				height: t.measured.height ?? 0
			}
		});
	}
	return a;
}
function fc({ nodeId: e, dragItems: t, nodeLookup: n, dragging: r = !0 }) {
	let i = [];
	for (let [e, a] of t) {
		let t = n.get(e)?.internals.userNode;
		t && i.push({
			...t,
			position: a.position,
			dragging: r
		});
	}
	if (!e) return [i[0], i];
	let a = n.get(e)?.internals.userNode;
	return [a ? {
		...a,
		position: t.get(e)?.position || a.position,
		dragging: r
	} : i[0], i];
}
function pc({ dragItems: e, snapGrid: t, x: n, y: r }) {
	let i = e.values().next().value;
	if (!i) return null;
	let a = {
		x: n - i.distance.x,
		y: r - i.distance.y
	}, o = Xo(a, t);
	return {
		x: o.x - a.x,
		y: o.y - a.y
	};
}
function mc({ onNodeMouseDown: e, getStoreItems: t, onDragStart: n, onDrag: r, onDragStop: i }) {
	let a = {
		x: null,
		y: null
	}, o = 0, s = /* @__PURE__ */ new Map(), c = !1, l = {
		x: 0,
		y: 0
	}, u = null, d = !1, f = null, p = !1, m = !1, h = null;
	function g({ noDragClassName: g, handleSelector: _, domNode: v, isSelectable: y, nodeId: b, nodeClickDistance: x = 0 }) {
		f = Vt(v);
		function S({ x: e, y: n }) {
			let { nodeLookup: i, nodeExtent: o, snapGrid: c, snapToGrid: l, nodeOrigin: u, onNodeDrag: d, onSelectionDrag: f, onError: p, updateNodePositions: g } = t();
			a = {
				x: e,
				y: n
			};
			let _ = !1, v = s.size > 1, y = v && o ? Bo(Do(s)) : null, x = v && l ? pc({
				dragItems: s,
				snapGrid: c,
				x: e,
				y: n
			}) : null;
			for (let [t, r] of s) {
				if (!i.has(t)) continue;
				let a = {
					x: e - r.distance.x,
					y: n - r.distance.y
				};
				l && (a = x ? {
					x: Math.round(a.x + x.x),
					y: Math.round(a.y + x.y)
				} : Xo(a, c));
				let s = null;
				if (v && o && !r.extent && y) {
					let { positionAbsolute: e } = r.internals, t = e.x - y.x + o[0][0], n = e.x + r.measured.width - y.x2 + o[1][0], i = e.y - y.y + o[0][1], a = e.y + r.measured.height - y.y2 + o[1][1];
					s = [[t, i], [n, a]];
				}
				let { position: d, positionAbsolute: f } = Mo({
					nodeId: t,
					nextPosition: a,
					nodeLookup: i,
					nodeExtent: s || o,
					nodeOrigin: u,
					onError: p
				});
				_ = _ || r.position.x !== d.x || r.position.y !== d.y, r.position = d, r.internals.positionAbsolute = f;
			}
			if (m ||= _, _ && (g(s, !0), h && (r || d || !b && f))) {
				let [e, t] = fc({
					nodeId: b,
					dragItems: s,
					nodeLookup: i
				});
				r?.(h, s, e, t), d?.(h, e, t), b || f?.(h, t);
			}
		}
		async function C() {
			if (!u) return;
			let { transform: e, panBy: n, autoPanSpeed: r, autoPanOnNodeDrag: i } = t();
			if (!i) {
				c = !1, cancelAnimationFrame(o);
				return;
			}
			let [s, d] = Ro(l, u, r);
			(s !== 0 || d !== 0) && (a.x = (a.x ?? 0) - s / e[2], a.y = (a.y ?? 0) - d / e[2], await n({
				x: s,
				y: d
			}) && S(a)), o = requestAnimationFrame(C);
		}
		function w(r) {
			let { nodeLookup: i, multiSelectionActive: o, nodesDraggable: c, transform: l, snapGrid: f, snapToGrid: p, selectNodesOnDrag: m, onNodeDragStart: h, onSelectionDragStart: g, unselectNodesAndEdges: _ } = t();
			d = !0;
			let v = !!b && !o && !i.get(b)?.selected;
			m && y || o || !b || i.get(b)?.selected || _(), y && m && b && e?.(b);
			let x = fs(r.sourceEvent, {
				transform: l,
				snapGrid: f,
				snapToGrid: p,
				containerBounds: u
			});
			if (a = x, s = dc(i, c, x, b, v), s.size > 0 && (n || h || !b && g)) {
				let [e, t] = fc({
					nodeId: b,
					dragItems: s,
					nodeLookup: i
				});
				n?.(r.sourceEvent, s, e, t), h?.(r.sourceEvent, e, t), b || g?.(r.sourceEvent, t);
			}
		}
		let T = an().clickDistance(x).on("start", (e) => {
			let { domNode: n, nodeDragThreshold: r, transform: i, snapGrid: o, snapToGrid: s } = t();
			u = n?.getBoundingClientRect() || null, p = !1, m = !1, h = e.sourceEvent, r === 0 && w(e), a = fs(e.sourceEvent, {
				transform: i,
				snapGrid: o,
				snapToGrid: s,
				containerBounds: u
			}), l = vs(e.sourceEvent, u);
		}).on("drag", (e) => {
			let { autoPanOnNodeDrag: n, transform: r, snapGrid: i, snapToGrid: o, nodeDragThreshold: f, nodeLookup: m } = t(), g = fs(e.sourceEvent, {
				transform: r,
				snapGrid: i,
				snapToGrid: o,
				containerBounds: u
			});
			if (h = e.sourceEvent, (e.sourceEvent.type === "touchmove" && e.sourceEvent.touches.length > 1 || b && !m.has(b)) && (p = !0), !p) {
				if (!c && n && d && (c = !0, C()), !d) {
					let t = vs(e.sourceEvent, u), n = t.x - l.x, r = t.y - l.y;
					Math.sqrt(n * n + r * r) > f && w(e);
				}
				(a.x !== g.xSnapped || a.y !== g.ySnapped) && s && d && (l = vs(e.sourceEvent, u), S(g));
			}
		}).on("end", (e) => {
			if (!d || p) p && s.size > 0 && t().updateNodePositions(s, !1);
			else if (c = !1, d = !1, cancelAnimationFrame(o), s.size > 0) {
				let { nodeLookup: n, updateNodePositions: r, onNodeDragStop: a, onSelectionDragStop: o } = t();
				if (m &&= (r(s, !1), !1), i || a || !b && o) {
					let [t, r] = fc({
						nodeId: b,
						dragItems: s,
						nodeLookup: n,
						dragging: !1
					});
					i?.(e.sourceEvent, s, t, r), a?.(e.sourceEvent, t, r), b || o?.(e.sourceEvent, r);
				}
			}
		}).filter((e) => {
			let t = e.target;
			return !e.button && (!g || !uc(t, `.${g}`, v)) && (!_ || uc(t, _, v));
		});
		f.call(T);
	}
	function _() {
		f?.on(".drag", null);
	}
	return {
		update: g,
		destroy: _
	};
}
function hc(e, t, n) {
	let r = [], i = {
		x: e.x - n,
		y: e.y - n,
		width: n * 2,
		height: n * 2
	};
	for (let e of t.values()) Ko(i, Ho(e)) > 0 && r.push(e);
	return r;
}
var J = 250;
function gc(e, t, n, r) {
	let i = [], a = Infinity, o = hc(e, n, t + J);
	for (let n of o) {
		let o = [...n.internals.handleBounds?.source ?? [], ...n.internals.handleBounds?.target ?? []];
		for (let s of o) {
			if (r.nodeId === s.nodeId && r.type === s.type && r.id === s.id) continue;
			let { x: o, y: c } = Vs(n, s, s.position, !0), l = Math.sqrt((o - e.x) ** 2 + (c - e.y) ** 2);
			l > t || (l < a ? (i = [{
				...s,
				x: o,
				y: c
			}], a = l) : l === a && i.push({
				...s,
				x: o,
				y: c
			}));
		}
	}
	if (!i.length) return null;
	if (i.length > 1) {
		let e = r.type === "source" ? "target" : "source";
		return i.find((t) => t.type === e) ?? i[0];
	}
	return i[0];
}
function _c(e, t, n, r, i, a = !1) {
	let o = r.get(e);
	if (!o) return null;
	let s = i === "strict" ? o.internals.handleBounds?.[t] : [...o.internals.handleBounds?.source ?? [], ...o.internals.handleBounds?.target ?? []], c = (n ? s?.find((e) => e.id === n) : s?.[0]) ?? null;
	return c && a ? {
		...c,
		...Vs(o, c, c.position, !0)
	} : c;
}
function vc(e, t) {
	return e || (t?.classList.contains("target") ? "target" : t?.classList.contains("source") ? "source" : null);
}
function yc(e, t) {
	let n = null;
	return t ? n = !0 : e && !t && (n = !1), n;
}
var bc = () => !0;
function xc(e, { connectionMode: t, connectionRadius: n, handleId: r, nodeId: i, edgeUpdaterType: a, isTarget: o, domNode: s, nodeLookup: c, lib: l, autoPanOnConnect: u, flowId: d, panBy: f, cancelConnection: p, onConnectStart: m, onConnect: h, onConnectEnd: g, isValidConnection: _ = bc, onReconnectEnd: v, updateConnection: y, getTransform: b, getFromHandle: x, autoPanSpeed: S, dragThreshold: C = 1, handleDomNode: w }) {
	let T = ms(e.target), E = 0, D, { x: O, y: k } = vs(e), A = vc(a, w), j = s?.getBoundingClientRect(), M = !1;
	if (!j || !A) return;
	let N = _c(i, A, r, c, t);
	if (!N) return;
	let P = vs(e, j), F = !1, ee = null, te = !1, ne = null;
	function I() {
		if (!u || !j) return;
		let [e, t] = Ro(P, j, S);
		f({
			x: e,
			y: t
		}), E = requestAnimationFrame(I);
	}
	let L = {
		...N,
		nodeId: i,
		type: A,
		position: N.position
	}, R = c.get(i), z = {
		inProgress: !0,
		isValid: null,
		from: Vs(R, L, K.Left, !0),
		fromHandle: L,
		fromPosition: L.position,
		fromNode: R,
		to: P,
		toHandle: null,
		toPosition: So[L.position],
		toNode: null,
		pointer: P
	};
	function re() {
		M = !0, y(z), m?.(e, {
			nodeId: i,
			handleId: r,
			handleType: A
		});
	}
	C === 0 && re();
	function ie(e) {
		if (!M) {
			let { x: t, y: n } = vs(e), r = t - O, i = n - k;
			if (!(r * r + i * i > C * C)) return;
			re();
		}
		if (!x() || !L) {
			ae(e);
			return;
		}
		let a = b();
		P = vs(e, j), D = gc(Zo(P, a, !1, [1, 1]), n, c, L), F ||= (I(), !0);
		let s = Sc(e, {
			handle: D,
			connectionMode: t,
			fromNodeId: i,
			fromHandleId: r,
			fromType: o ? "target" : "source",
			isValidConnection: _,
			doc: T,
			lib: l,
			flowId: d,
			nodeLookup: c
		});
		ne = s.handleDomNode, ee = s.connection, te = yc(!!D, s.isValid);
		let u = c.get(i), f = u ? Vs(u, L, K.Left, !0) : z.from, p = {
			...z,
			from: f,
			isValid: te,
			to: s.toHandle && te ? Qo({
				x: s.toHandle.x,
				y: s.toHandle.y
			}, a) : P,
			toHandle: s.toHandle,
			toPosition: te && s.toHandle ? s.toHandle.position : So[L.position],
			toNode: s.toHandle ? c.get(s.toHandle.nodeId) : null,
			pointer: P
		};
		y(p), z = p;
	}
	function ae(e) {
		if (!("touches" in e && e.touches.length > 0)) {
			if (M) {
				(D || ne) && ee && te && h?.(ee);
				let { inProgress: t, ...n } = z, r = {
					...n,
					toPosition: z.toHandle ? z.toPosition : null
				};
				g?.(e, r), a && v?.(e, r);
			}
			p(), cancelAnimationFrame(E), F = !1, te = !1, ee = null, ne = null, T.removeEventListener("mousemove", ie), T.removeEventListener("mouseup", ae), T.removeEventListener("touchmove", ie), T.removeEventListener("touchend", ae);
		}
	}
	T.addEventListener("mousemove", ie), T.addEventListener("mouseup", ae), T.addEventListener("touchmove", ie), T.addEventListener("touchend", ae);
}
function Sc(e, { handle: t, connectionMode: n, fromNodeId: r, fromHandleId: i, fromType: a, doc: o, lib: s, flowId: c, isValidConnection: l = bc, nodeLookup: u }) {
	let d = a === "target", f = t ? o.querySelector(`.${s}-flow__handle[data-id="${c}-${t?.nodeId}-${t?.id}-${t?.type}"]`) : null, { x: p, y: m } = vs(e), h = o.elementFromPoint(p, m), g = h?.classList.contains(`${s}-flow__handle`) ? h : f, _ = {
		handleDomNode: g,
		isValid: !1,
		connection: null,
		toHandle: null
	};
	if (g) {
		let e = vc(void 0, g), t = g.getAttribute("data-nodeid"), a = g.getAttribute("data-handleid"), o = g.classList.contains("connectable"), s = g.classList.contains("connectableend");
		if (!t || !e) return _;
		let c = {
			source: d ? t : r,
			sourceHandle: d ? a : i,
			target: d ? r : t,
			targetHandle: d ? i : a
		};
		_.connection = c, _.isValid = o && s && (n === _o.Strict ? d && e === "source" || !d && e === "target" : t !== r || a !== i) && l(c), _.toHandle = _c(t, e, a, u, n, !0);
	}
	return _;
}
var Cc = {
	onPointerDown: xc,
	isValid: Sc
};
function wc({ domNode: e, panZoom: t, getTransform: n, getViewScale: r }) {
	let i = Vt(e);
	function a({ translateExtent: e, width: a, height: o, zoomStep: s = 1, pannable: c = !0, zoomable: l = !0, inversePan: u = !1 }) {
		let d = (e) => {
			if (e.sourceEvent.type !== "wheel" || !t) return;
			let r = n(), i = e.sourceEvent.ctrlKey && rs() ? 10 : 1, a = -e.sourceEvent.deltaY * (e.sourceEvent.deltaMode === 1 ? .05 : e.sourceEvent.deltaMode ? 1 : .002) * s, o = r[2] * 2 ** (a * i);
			t.scaleTo(o);
		}, f = [0, 0], p = fo().on("start", (e) => {
			(e.sourceEvent.type === "mousedown" || e.sourceEvent.type === "touchstart") && (f = [e.sourceEvent.clientX ?? e.sourceEvent.touches[0].clientX, e.sourceEvent.clientY ?? e.sourceEvent.touches[0].clientY]);
		}).on("zoom", c ? (i) => {
			let s = n();
			if (i.sourceEvent.type !== "mousemove" && i.sourceEvent.type !== "touchmove" || !t) return;
			let c = [i.sourceEvent.clientX ?? i.sourceEvent.touches[0].clientX, i.sourceEvent.clientY ?? i.sourceEvent.touches[0].clientY], l = [c[0] - f[0], c[1] - f[1]];
			f = c;
			let d = r() * Math.max(s[2], Math.log(s[2])) * (u ? -1 : 1), p = {
				x: s[0] - l[0] * d,
				y: s[1] - l[1] * d
			}, m = [[0, 0], [a, o]];
			t.setViewportConstrained({
				x: p.x,
				y: p.y,
				zoom: s[2]
			}, m, e);
		} : null).on("zoom.wheel", l ? d : null);
		i.call(p, {});
	}
	function o() {
		i.on("zoom", null);
	}
	return {
		update: a,
		destroy: o,
		pointer: Gt
	};
}
var Tc = (e) => ({
	x: e.x,
	y: e.y,
	zoom: e.k
}), Ec = ({ x: e, y: t, zoom: n }) => to.translate(e, t).scale(n), Dc = (e, t) => e.target.closest(`.${t}`), Oc = (e, t) => t === 2 && Array.isArray(e) && e.includes(2), kc = (e) => ((e *= 2) <= 1 ? e * e * e : (e -= 2) * e * e + 2) / 2, Ac = (e, t = 0, n = kc, r = () => {}) => {
	let i = typeof t == "number" && t > 0;
	return i || r(), i ? e.transition().duration(t).ease(n).on("end", r) : e;
}, jc = (e) => {
	let t = e.ctrlKey && rs() ? 10 : 1;
	return -e.deltaY * (e.deltaMode === 1 ? .05 : e.deltaMode ? 1 : .002) * t;
};
function Mc({ zoomPanValues: e, noWheelClassName: t, d3Selection: n, d3Zoom: r, panOnScrollMode: i, panOnScrollSpeed: a, zoomOnPinch: o, onPanZoomStart: s, onPanZoom: c, onPanZoomEnd: l }) {
	return (u) => {
		if (Dc(u, t)) return u.ctrlKey && u.preventDefault(), !1;
		u.preventDefault(), u.stopImmediatePropagation();
		let d = n.property("__zoom").k || 1;
		if (u.ctrlKey && o) {
			let e = Gt(u), t = d * 2 ** jc(u);
			r.scaleTo(n, t, e, u);
			return;
		}
		let f = u.deltaMode === 1 ? 20 : 1, p = i === vo.Vertical ? 0 : u.deltaX * f, m = i === vo.Horizontal ? 0 : u.deltaY * f;
		!rs() && u.shiftKey && i !== vo.Vertical && (p = u.deltaY * f, m = 0), r.translateBy(n, -(p / d) * a, -(m / d) * a, { internal: !0 });
		let h = Tc(n.property("__zoom"));
		clearTimeout(e.panScrollTimeout), e.isPanScrolling ? c?.(u, h) : (e.isPanScrolling = !0, s?.(u, h)), e.panScrollTimeout = setTimeout(() => {
			l?.(u, h), e.isPanScrolling = !1;
		}, 150);
	};
}
function Nc({ noWheelClassName: e, preventScrolling: t, d3ZoomHandler: n }) {
	return function(r, i) {
		let a = r.type === "wheel", o = !t && a && !r.ctrlKey, s = Dc(r, e);
		if (r.ctrlKey && a && s && r.preventDefault(), o || s) return null;
		r.preventDefault(), n.call(this, r, i);
	};
}
function Pc({ zoomPanValues: e, onDraggingChange: t, onPanZoomStart: n }) {
	return (r) => {
		if (r.sourceEvent?.internal) return;
		let i = Tc(r.transform);
		e.mouseButton = r.sourceEvent?.button || 0, e.isZoomingOrPanning = !0, e.prevViewport = i, r.sourceEvent?.type === "mousedown" && t(!0), n && n?.(r.sourceEvent, i);
	};
}
function Fc({ zoomPanValues: e, panOnDrag: t, onPaneContextMenu: n, onTransformChange: r, onPanZoom: i }) {
	return (a) => {
		e.usedRightMouseButton = !!(n && Oc(t, e.mouseButton ?? 0)), a.sourceEvent?.sync || r([
			a.transform.x,
			a.transform.y,
			a.transform.k
		]), i && !a.sourceEvent?.internal && i?.(a.sourceEvent, Tc(a.transform));
	};
}
function Ic({ zoomPanValues: e, panOnDrag: t, panOnScroll: n, onDraggingChange: r, onPanZoomEnd: i, onPaneContextMenu: a }) {
	return (o) => {
		if (!o.sourceEvent?.internal && (e.isZoomingOrPanning = !1, a && Oc(t, e.mouseButton ?? 0) && !e.usedRightMouseButton && o.sourceEvent && a(o.sourceEvent), e.usedRightMouseButton = !1, r(!1), i)) {
			let t = Tc(o.transform);
			e.prevViewport = t, clearTimeout(e.timerId), e.timerId = setTimeout(() => {
				i?.(o.sourceEvent, t);
			}, n ? 150 : 0);
		}
	};
}
function Lc({ panActivationKeyPressed: e, zoomActivationKeyPressed: t, zoomOnScroll: n, zoomOnPinch: r, panOnDrag: i, panOnScroll: a, zoomOnDoubleClick: o, userSelectionActive: s, noWheelClassName: c, noPanClassName: l, lib: u, connectionInProgress: d }) {
	return (f) => {
		let p = t || n, m = r && f.ctrlKey, h = f.type === "wheel";
		if (f.button === 1 && f.type === "mousedown" && (Dc(f, `${u}-flow__node`) || Dc(f, `${u}-flow__edge`) || Dc(f, `${u}-flow__selection`) || Dc(f, `${u}-flow__nodesselection`))) return !0;
		if (!i && !p && !a && !o && !r || s || d && !h || Dc(f, c) && h || Dc(f, l) && (!h || a && h && !t) || !r && f.ctrlKey && h) return !1;
		if (!r && f.type === "touchstart" && f.touches?.length > 1) return f.preventDefault(), !1;
		if (!p && !a && !m && h || !i && (f.type === "mousedown" || f.type === "touchstart") || Array.isArray(i) && !i.includes(f.button) && f.type === "mousedown") return !1;
		let g = Array.isArray(i) && i.includes(f.button) || !f.button || f.button <= 1;
		return (!f.ctrlKey || h || e) && g;
	};
}
function Rc({ domNode: e, minZoom: t, maxZoom: n, translateExtent: r, viewport: i, onPanZoom: a, onPanZoomStart: o, onPanZoomEnd: s, onDraggingChange: c }) {
	let l = {
		isZoomingOrPanning: !1,
		usedRightMouseButton: !1,
		prevViewport: {},
		mouseButton: 0,
		timerId: void 0,
		panScrollTimeout: void 0,
		isPanScrolling: !1
	}, u = e.getBoundingClientRect(), d = [[0, 0], [u.width, u.height]], f = typeof ResizeObserver < "u" ? new ResizeObserver((e) => {
		let t = e[0];
		t?.contentRect && (d = [[0, 0], [t.contentRect.width, t.contentRect.height]]);
	}) : null;
	f?.observe(e);
	let p = fo().extent(() => d).scaleExtent([t, n]).translateExtent(r), m = Vt(e).call(p);
	b({
		x: i.x,
		y: i.y,
		zoom: Po(i.zoom, t, n)
	}, [[0, 0], [u.width, u.height]], r);
	let h = m.on("wheel.zoom"), g = m.on("dblclick.zoom");
	p.wheelDelta(jc);
	async function _(e, t) {
		return m ? new Promise((n) => {
			p?.interpolate(t?.interpolate === "linear" ? Vr : ti).transform(Ac(m, t?.duration, t?.ease, () => n(!0)), e);
		}) : !1;
	}
	function v({ noWheelClassName: e, noPanClassName: t, onPaneContextMenu: n, userSelectionActive: r, panOnScroll: i, panOnDrag: u, panOnScrollMode: d, panOnScrollSpeed: f, preventScrolling: _, zoomOnPinch: v, zoomOnScroll: y, zoomOnDoubleClick: b, panActivationKeyPressed: x = !1, zoomActivationKeyPressed: S, lib: C, onTransformChange: w, connectionInProgress: T, paneClickDistance: E, selectionOnDrag: D }) {
		r && !l.isZoomingOrPanning && p.on("zoom", null);
		let O = i && !S && !r;
		p.clickDistance(D ? Infinity : !Jo(E) || E < 0 ? 0 : E);
		let k = O ? Mc({
			zoomPanValues: l,
			noWheelClassName: e,
			d3Selection: m,
			d3Zoom: p,
			panOnScrollMode: d,
			panOnScrollSpeed: f,
			zoomOnPinch: v,
			onPanZoomStart: o,
			onPanZoom: a,
			onPanZoomEnd: s
		}) : Nc({
			noWheelClassName: e,
			preventScrolling: _,
			d3ZoomHandler: h
		});
		m.on("wheel.zoom", k, { passive: !1 });
		let A = Pc({
			zoomPanValues: l,
			onDraggingChange: c,
			onPanZoomStart: o
		});
		p.on("start", A);
		let j = Fc({
			zoomPanValues: l,
			panOnDrag: u,
			onPaneContextMenu: !!n,
			onPanZoom: a,
			onTransformChange: w
		});
		p.on("zoom", j);
		let M = Ic({
			zoomPanValues: l,
			panOnDrag: u,
			panOnScroll: i,
			onPaneContextMenu: n,
			onPanZoomEnd: s,
			onDraggingChange: c
		});
		p.on("end", M);
		let N = Lc({
			panActivationKeyPressed: x,
			zoomActivationKeyPressed: S,
			panOnDrag: u,
			zoomOnScroll: y,
			panOnScroll: i,
			zoomOnDoubleClick: b,
			zoomOnPinch: v,
			userSelectionActive: r,
			noPanClassName: t,
			noWheelClassName: e,
			lib: C,
			connectionInProgress: T
		});
		p.filter(N), b ? m.on("dblclick.zoom", g) : m.on("dblclick.zoom", null);
	}
	function y() {
		p.on("zoom", null), f?.disconnect();
	}
	async function b(e, t, n) {
		let r = Ec(e), i = p?.constrain()(r, t, n);
		return i && await _(i), i;
	}
	async function x(e, t) {
		let n = Ec(e);
		return await _(n, t), n;
	}
	function S(e) {
		if (m) {
			let t = Ec(e), n = m.property("__zoom");
			(n.k !== e.zoom || n.x !== e.x || n.y !== e.y) && p?.transform(m, t, null, { sync: !0 });
		}
	}
	function C() {
		let e = m ? no(m.node()) : {
			x: 0,
			y: 0,
			k: 1
		};
		return {
			x: e.x,
			y: e.y,
			zoom: e.k
		};
	}
	async function w(e, t) {
		return m ? new Promise((n) => {
			p?.interpolate(t?.interpolate === "linear" ? Vr : ti).scaleTo(Ac(m, t?.duration, t?.ease, () => n(!0)), e);
		}) : !1;
	}
	async function T(e, t) {
		return m ? new Promise((n) => {
			p?.interpolate(t?.interpolate === "linear" ? Vr : ti).scaleBy(Ac(m, t?.duration, t?.ease, () => n(!0)), e);
		}) : !1;
	}
	function E(e) {
		p?.scaleExtent(e);
	}
	function D(e) {
		p?.translateExtent(e);
	}
	function O(e) {
		let t = !Jo(e) || e < 0 ? 0 : e;
		p?.clickDistance(t);
	}
	return {
		update: v,
		destroy: y,
		setViewport: x,
		setViewportConstrained: b,
		getViewport: C,
		scaleTo: w,
		scaleBy: T,
		setScaleExtent: E,
		setTranslateExtent: D,
		syncViewport: S,
		setClickDistance: O
	};
}
var zc;
(function(e) {
	e.Line = "line", e.Handle = "handle";
})(zc ||= {});
function Bc({ width: e, prevWidth: t, height: n, prevHeight: r, affectsX: i, affectsY: a }) {
	let o = e - t, s = n - r, c = [o > 0 ? 1 : o < 0 ? -1 : 0, s > 0 ? 1 : s < 0 ? -1 : 0];
	return o && i && (c[0] *= -1), s && a && (c[1] *= -1), c;
}
function Vc(e) {
	return {
		isHorizontal: e.includes("right") || e.includes("left"),
		isVertical: e.includes("bottom") || e.includes("top"),
		affectsX: e.includes("left"),
		affectsY: e.includes("top")
	};
}
function Hc(e, t) {
	return Math.max(0, t - e);
}
function Uc(e, t) {
	return Math.max(0, e - t);
}
function Wc(e, t, n) {
	return Math.max(0, t - e, e - n);
}
function Y(e, t) {
	return e ? !t : t;
}
function Gc(e, t, n, r, i, a, o, s) {
	let { affectsX: c, affectsY: l } = t, { isHorizontal: u, isVertical: d } = t, f = u && d, { xSnapped: p, ySnapped: m } = n, { minWidth: h, maxWidth: g, minHeight: _, maxHeight: v } = r, { x: y, y: b, width: x, height: S, aspectRatio: C } = e, w = Math.floor(u ? p - e.pointerX : 0), T = Math.floor(d ? m - e.pointerY : 0), E = x + (c ? -w : w), D = S + (l ? -T : T), O = -a[0] * x, k = -a[1] * S, A = Wc(E, h, g), j = Wc(D, _, v);
	if (o) {
		let e = 0, t = 0;
		c && w < 0 ? e = Hc(y + w + O, o[0][0]) : !c && w > 0 && (e = Uc(y + E + O, o[1][0])), l && T < 0 ? t = Hc(b + T + k, o[0][1]) : !l && T > 0 && (t = Uc(b + D + k, o[1][1])), A = Math.max(A, e), j = Math.max(j, t);
	}
	if (s) {
		let e = 0, t = 0;
		c && w > 0 ? e = Uc(y + w, s[0][0]) : !c && w < 0 && (e = Hc(y + E, s[1][0])), l && T > 0 ? t = Uc(b + T, s[0][1]) : !l && T < 0 && (t = Hc(b + D, s[1][1])), A = Math.max(A, e), j = Math.max(j, t);
	}
	if (i) {
		if (u) {
			let e = Wc(E / C, _, v) * C;
			if (A = Math.max(A, e), o) {
				let e = 0;
				e = !c && !l || c && !l && f ? Uc(b + k + E / C, o[1][1]) * C : Hc(b + k + (c ? w : -w) / C, o[0][1]) * C, A = Math.max(A, e);
			}
			if (s) {
				let e = 0;
				e = !c && !l || c && !l && f ? Hc(b + E / C, s[1][1]) * C : Uc(b + (c ? w : -w) / C, s[0][1]) * C, A = Math.max(A, e);
			}
		}
		if (d) {
			let e = Wc(D * C, h, g) / C;
			if (j = Math.max(j, e), o) {
				let e = 0;
				e = !c && !l || l && !c && f ? Uc(y + D * C + O, o[1][0]) / C : Hc(y + (l ? T : -T) * C + O, o[0][0]) / C, j = Math.max(j, e);
			}
			if (s) {
				let e = 0;
				e = !c && !l || l && !c && f ? Hc(y + D * C, s[1][0]) / C : Uc(y + (l ? T : -T) * C, s[0][0]) / C, j = Math.max(j, e);
			}
		}
	}
	T += T < 0 ? j : -j, w += w < 0 ? A : -A, i && (f ? E > D * C ? T = (Y(c, l) ? -w : w) / C : w = (Y(c, l) ? -T : T) * C : u ? (T = w / C, l = c) : (w = T * C, c = l));
	let M = c ? y + w : y, N = l ? b + T : b;
	return {
		width: x + (c ? -w : w),
		height: S + (l ? -T : T),
		x: a[0] * w * (c ? -1 : 1) + M,
		y: a[1] * T * (l ? -1 : 1) + N
	};
}
var Kc = {
	width: 0,
	height: 0,
	x: 0,
	y: 0
}, qc = {
	...Kc,
	pointerX: 0,
	pointerY: 0,
	aspectRatio: 1
};
function Jc(e, t, n) {
	let r = t.position.x + e.position.x, i = t.position.y + e.position.y, a = e.measured.width ?? 0, o = e.measured.height ?? 0, s = n[0] * a, c = n[1] * o;
	return [[r - s, i - c], [r + a - s, i + o - c]];
}
function Yc({ domNode: e, nodeId: t, getStoreItems: n, onChange: r, onEnd: i }) {
	let a = Vt(e), o = {
		controlDirection: Vc("bottom-right"),
		boundaries: {
			minWidth: 0,
			minHeight: 0,
			maxWidth: Number.MAX_VALUE,
			maxHeight: Number.MAX_VALUE
		},
		resizeDirection: void 0,
		keepAspectRatio: !1
	};
	function s({ controlPosition: e, boundaries: s, keepAspectRatio: c, resizeDirection: l, onResizeStart: u, onResize: d, onResizeEnd: f, shouldResize: p }) {
		let m = { ...Kc }, h = { ...qc };
		o = {
			boundaries: s,
			resizeDirection: l,
			keepAspectRatio: c,
			controlDirection: Vc(e)
		};
		let g, _ = null, v = [], y, b, x, S = an().on("start", (e) => {
			let { nodeLookup: r, transform: i, snapGrid: a, snapToGrid: o, nodeOrigin: s, paneDomNode: c } = n();
			if (g = r.get(t), !g) return;
			_ = c?.getBoundingClientRect() ?? null;
			let { xSnapped: l, ySnapped: d } = fs(e.sourceEvent, {
				transform: i,
				snapGrid: a,
				snapToGrid: o,
				containerBounds: _
			});
			m = {
				width: g.measured.width ?? 0,
				height: g.measured.height ?? 0,
				x: g.position.x ?? 0,
				y: g.position.y ?? 0
			}, h = {
				...m,
				pointerX: l,
				pointerY: d,
				aspectRatio: m.width / m.height
			}, y = void 0, b = is(g.extent) ? g.extent : void 0, g.parentId && (g.extent === "parent" || g.expandParent) && (y = r.get(g.parentId)), y && g.extent === "parent" && (b = [[0, 0], [y.measured.width, y.measured.height]]), v = [], x = void 0;
			for (let [e, n] of r) if (n.parentId === t && (v.push({
				id: e,
				position: { ...n.position },
				extent: n.extent
			}), n.extent === "parent" || n.expandParent)) {
				let e = Jc(n, g, n.origin ?? s);
				x = x ? [[Math.min(e[0][0], x[0][0]), Math.min(e[0][1], x[0][1])], [Math.max(e[1][0], x[1][0]), Math.max(e[1][1], x[1][1])]] : e;
			}
			u?.(e, { ...m });
		}).on("drag", (e) => {
			let { transform: t, snapGrid: i, snapToGrid: a, nodeOrigin: s } = n(), c = fs(e.sourceEvent, {
				transform: t,
				snapGrid: i,
				snapToGrid: a,
				containerBounds: _
			}), l = [];
			if (!g) return;
			let { x: u, y: f, width: S, height: C } = m, w = {}, T = g.origin ?? s, { width: E, height: D, x: O, y: k } = Gc(h, o.controlDirection, c, o.boundaries, o.keepAspectRatio, T, b, x), A = E !== S, j = D !== C, M = O !== u && A, N = k !== f && j;
			if (!M && !N && !A && !j) return;
			let P = {
				prevValues: { ...m },
				startX: h.x,
				startY: h.y,
				childNodes: v.map((e) => ({
					...e,
					position: { ...e.position }
				}))
			};
			if ((M || N || T[0] === 1 || T[1] === 1) && (w.x = M ? O : m.x, w.y = N ? k : m.y, m.x = w.x, m.y = w.y, v.length > 0)) {
				let e = O - u, t = k - f;
				for (let n of v) n.position = {
					x: n.position.x - e + T[0] * (E - S),
					y: n.position.y - t + T[1] * (D - C)
				}, l.push(n);
			}
			if ((A || j) && (w.width = A && (!o.resizeDirection || o.resizeDirection === "horizontal") ? E : m.width, w.height = j && (!o.resizeDirection || o.resizeDirection === "vertical") ? D : m.height, m.width = w.width, m.height = w.height), y && g.expandParent) {
				let e = T[0] * (w.width ?? 0);
				w.x && w.x < e && (m.x = e, h.x -= w.x - e);
				let t = T[1] * (w.height ?? 0);
				w.y && w.y < t && (m.y = t, h.y -= w.y - t);
			}
			let F = Bc({
				width: m.width,
				prevWidth: S,
				height: m.height,
				prevHeight: C,
				affectsX: o.controlDirection.affectsX,
				affectsY: o.controlDirection.affectsY
			}), ee = {
				...m,
				direction: F
			};
			p?.(e, ee) === !1 ? (m = P.prevValues, h.x = P.startX, h.y = P.startY, v.forEach((e, t) => {
				e.position = P.childNodes[t].position;
			})) : (d?.(e, ee), r(w, l));
		}).on("end", (e) => {
			f?.(e, { ...m }), i?.({ ...m });
		});
		a.call(S);
	}
	function c() {
		a.on(".drag", null);
	}
	return {
		update: s,
		destroy: c
	};
}
// node_modules/use-sync-external-store/cjs/use-sync-external-store-shim.production.js
var Xc = /* @__PURE__ */ o(((e) => {
	var t = u();
	function n(e, t) {
		return e === t && (e !== 0 || 1 / e == 1 / t) || e !== e && t !== t;
	}
	var r = typeof Object.is == "function" ? Object.is : n, i = t.useState, a = t.useEffect, o = t.useLayoutEffect, s = t.useDebugValue;
	function c(e, t) {
		var n = t(), r = i({ inst: {
			value: n,
			getSnapshot: t
		} }), c = r[0].inst, u = r[1];
		return o(function() {
			c.value = n, c.getSnapshot = t, l(c) && u({ inst: c });
		}, [
			e,
			n,
			t
		]), a(function() {
			return l(c) && u({ inst: c }), e(function() {
				l(c) && u({ inst: c });
			});
		}, [e]), s(n), n;
	}
	function l(e) {
		var t = e.getSnapshot;
		e = e.value;
		try {
			var n = t();
			return !r(e, n);
		} catch {
			return !0;
		}
	}
	function d(e, t) {
		return t();
	}
	var f = typeof window > "u" || window.document === void 0 || window.document.createElement === void 0 ? d : c;
	e.useSyncExternalStore = t.useSyncExternalStore === void 0 ? f : t.useSyncExternalStore;
})), Zc = /* @__PURE__ */ o(((e, t) => {
	t.exports = Xc();
})), Qc = /* @__PURE__ */ o(((e) => {
	var t = u(), n = Zc();
	function r(e, t) {
		return e === t && (e !== 0 || 1 / e == 1 / t) || e !== e && t !== t;
	}
	var i = typeof Object.is == "function" ? Object.is : r, a = n.useSyncExternalStore, o = t.useRef, s = t.useEffect, c = t.useMemo, l = t.useDebugValue;
	e.useSyncExternalStoreWithSelector = function(e, t, n, r, u) {
		var d = o(null);
		if (d.current === null) {
			var f = {
				hasValue: !1,
				value: null
			};
			d.current = f;
		} else f = d.current;
		d = c(function() {
			function e(e) {
				if (!a) {
					if (a = !0, o = e, e = r(e), u !== void 0 && f.hasValue) {
						var t = f.value;
						if (u(t, e)) return s = t;
					}
					return s = e;
				}
				if (t = s, i(o, e)) return t;
				var n = r(e);
				return u !== void 0 && u(t, n) ? (o = e, t) : (o = e, s = n);
			}
			var a = !1, o, s, c = n === void 0 ? null : n;
			return [function() {
				return e(t());
			}, c === null ? void 0 : function() {
				return e(c());
			}];
		}, [
			t,
			n,
			r,
			u
		]);
		var p = a(e, d[0], d[1]);
		return s(function() {
			f.hasValue = !0, f.value = p;
		}, [p]), l(p), p;
	};
})), $c = /* @__PURE__ */ c((/* @__PURE__ */ o(((e, t) => {
	t.exports = Qc();
})))(), 1), el = (e) => {
	let t, n = /* @__PURE__ */ new Set(), r = (e, r) => {
		let i = typeof e == "function" ? e(t) : e;
		if (!Object.is(i, t)) {
			let e = t;
			t = r ?? (typeof i != "object" || !i) ? i : Object.assign({}, t, i), n.forEach((n) => n(t, e));
		}
	}, i = () => t, a = {
		setState: r,
		getState: i,
		getInitialState: () => o,
		subscribe: (e) => (n.add(e), () => n.delete(e)),
		destroy: () => {
			n.clear();
		}
	}, o = t = e(r, i, a);
	return a;
}, tl = (e) => e ? el(e) : el, { useDebugValue: nl } = v.default, { useSyncExternalStoreWithSelector: rl } = $c.default, il = (e) => e;
function al(e, t = il, n) {
	let r = rl(e.subscribe, e.getState, e.getServerState || e.getInitialState, t, n);
	return nl(r), r;
}
var ol = (e, t) => {
	let n = tl(e), r = (e, r = t) => al(n, e, r);
	return Object.assign(r, n), r;
}, sl = (e, t) => e ? ol(e, t) : ol;
// node_modules/zustand/esm/shallow.mjs
function X(e, t) {
	if (Object.is(e, t)) return !0;
	if (typeof e != "object" || !e || typeof t != "object" || !t) return !1;
	if (e instanceof Map && t instanceof Map) {
		if (e.size !== t.size) return !1;
		for (let [n, r] of e) if (!Object.is(r, t.get(n))) return !1;
		return !0;
	}
	if (e instanceof Set && t instanceof Set) {
		if (e.size !== t.size) return !1;
		for (let n of e) if (!t.has(n)) return !1;
		return !0;
	}
	let n = Object.keys(e);
	if (n.length !== Object.keys(t).length) return !1;
	for (let r of n) if (!Object.prototype.hasOwnProperty.call(t, r) || !Object.is(e[r], t[r])) return !1;
	return !0;
}
// node_modules/@xyflow/react/dist/esm/index.js
var cl = m(), ll = (0, v.createContext)(null), ul = ll.Provider, dl = po.error001("react");
function Z(e, t) {
	let n = (0, v.useContext)(ll);
	if (n === null) throw Error(dl);
	return al(n, e, t);
}
function Q() {
	let e = (0, v.useContext)(ll);
	if (e === null) throw Error(dl);
	return (0, v.useMemo)(() => ({
		getState: e.getState,
		setState: e.setState,
		subscribe: e.subscribe
	}), [e]);
}
var fl = { display: "none" }, pl = {
	position: "absolute",
	width: 1,
	height: 1,
	margin: -1,
	border: 0,
	padding: 0,
	overflow: "hidden",
	clip: "rect(0px, 0px, 0px, 0px)",
	clipPath: "inset(100%)"
}, ml = "react-flow__node-desc", hl = "react-flow__edge-desc", gl = "react-flow__aria-live", _l = (e) => e.ariaLiveMessage, vl = (e) => e.ariaLabelConfig;
function yl({ rfId: e }) {
	let t = Z(_l);
	return (0, b.jsx)("div", {
		id: `${gl}-${e}`,
		"aria-live": "assertive",
		"aria-atomic": "true",
		style: pl,
		children: t
	});
}
function bl({ rfId: e, disableKeyboardA11y: t }) {
	let n = Z(vl);
	return (0, b.jsxs)(b.Fragment, { children: [
		(0, b.jsx)("div", {
			id: `${ml}-${e}`,
			style: fl,
			children: t ? n["node.a11yDescription.default"] : n["node.a11yDescription.keyboardDisabled"]
		}),
		(0, b.jsx)("div", {
			id: `${hl}-${e}`,
			style: fl,
			children: n["edge.a11yDescription.default"]
		}),
		!t && (0, b.jsx)(yl, { rfId: e })
	] });
}
var xl = (0, v.forwardRef)(({ position: e = "top-left", children: t, className: n, style: r, ...i }, a) => {
	let o = `${e}`.split("-");
	return (0, b.jsx)("div", {
		className: x([
			"react-flow__panel",
			n,
			...o
		]),
		style: r,
		ref: a,
		...i,
		children: t
	});
});
xl.displayName = "Panel";
var Sl = "https://reactflow.dev?utm_source=attribution";
function Cl({ proOptions: e, position: t = "bottom-right" }) {
	return (0, v.useEffect)(() => {}, []), e?.hideAttribution ? null : (0, b.jsx)(xl, {
		position: t,
		className: "react-flow__attribution",
		"data-message": `Please only hide this attribution when you are subscribed to React Flow Pro: ${Sl}`,
		children: (0, b.jsx)("a", {
			href: Sl,
			target: "_blank",
			rel: "noopener noreferrer",
			"aria-label": "React Flow attribution",
			children: "React Flow"
		})
	});
}
var wl = (e) => {
	let t = [], n = [];
	for (let [, n] of e.nodeLookup) n.selected && t.push(n.internals.userNode);
	for (let [, t] of e.edgeLookup) t.selected && n.push(t);
	return {
		selectedNodes: t,
		selectedEdges: n
	};
}, Tl = (e) => e.id;
function El(e, t) {
	return X(e.selectedNodes.map(Tl), t.selectedNodes.map(Tl)) && X(e.selectedEdges.map(Tl), t.selectedEdges.map(Tl));
}
function Dl({ onSelectionChange: e }) {
	let t = Q(), { selectedNodes: n, selectedEdges: r } = Z(wl, El);
	return (0, v.useEffect)(() => {
		let i = {
			nodes: n,
			edges: r
		};
		e?.(i), t.getState().onSelectionChangeHandlers.forEach((e) => e(i));
	}, [
		n,
		r,
		e
	]), null;
}
var Ol = (e) => !!e.onSelectionChangeHandlers;
function kl({ onSelectionChange: e }) {
	let t = Z(Ol);
	return e || t ? (0, b.jsx)(Dl, { onSelectionChange: e }) : null;
}
var Al = [0, 0], jl = {
	x: 0,
	y: 0,
	zoom: 1
}, Ml = [.../* @__PURE__ */ "nodes.edges.defaultNodes.defaultEdges.onConnect.onConnectStart.onConnectEnd.onClickConnectStart.onClickConnectEnd.nodesDraggable.autoPanOnNodeFocus.nodesConnectable.nodesFocusable.edgesFocusable.edgesReconnectable.elevateNodesOnSelect.elevateEdgesOnSelect.minZoom.maxZoom.nodeExtent.onNodesChange.onEdgesChange.elementsSelectable.connectionMode.snapGrid.snapToGrid.translateExtent.connectOnClick.defaultEdgeOptions.fitView.fitViewOptions.onNodesDelete.onEdgesDelete.onDelete.onNodeDrag.onNodeDragStart.onNodeDragStop.onSelectionDrag.onSelectionDragStart.onSelectionDragStop.onMoveStart.onMove.onMoveEnd.noPanClassName.nodeOrigin.autoPanOnConnect.autoPanOnNodeDrag.onError.connectionRadius.isValidConnection.selectNodesOnDrag.nodeDragThreshold.connectionDragThreshold.onBeforeDelete.debug.autoPanSpeed.ariaLabelConfig.zIndexMode".split("."), "rfId"], Nl = (e) => ({
	setNodes: e.setNodes,
	setEdges: e.setEdges,
	setMinZoom: e.setMinZoom,
	setMaxZoom: e.setMaxZoom,
	setTranslateExtent: e.setTranslateExtent,
	setNodeExtent: e.setNodeExtent,
	reset: e.reset,
	setDefaultNodesAndEdges: e.setDefaultNodesAndEdges
}), Pl = {
	translateExtent: mo,
	nodeOrigin: Al,
	minZoom: .5,
	maxZoom: 2,
	elementsSelectable: !0,
	noPanClassName: "nopan",
	rfId: "1"
};
function Fl(e) {
	let { setNodes: t, setEdges: n, setMinZoom: r, setMaxZoom: i, setTranslateExtent: a, setNodeExtent: o, reset: s, setDefaultNodesAndEdges: c } = Z(Nl, X), l = Q();
	(0, v.useEffect)(() => (c(e.defaultNodes, e.defaultEdges), () => {
		u.current = Pl, s();
	}), []);
	let u = (0, v.useRef)(Pl);
	return (0, v.useEffect)(() => {
		for (let s of Ml) {
			let c = e[s];
			c !== u.current[s] && e[s] !== void 0 && (s === "nodes" ? t(c) : s === "edges" ? n(c) : s === "minZoom" ? r(c) : s === "maxZoom" ? i(c) : s === "translateExtent" ? a(c) : s === "nodeExtent" ? o(c) : s === "ariaLabelConfig" ? l.setState({ ariaLabelConfig: us(c) }) : s === "fitView" ? l.setState({ fitViewQueued: c }) : s === "fitViewOptions" ? l.setState({ fitViewOptions: c }) : l.setState({ [s]: c }));
		}
		u.current = e;
	}, Ml.map((t) => e[t])), null;
}
function Il() {
	return typeof window > "u" || !window.matchMedia ? null : window.matchMedia("(prefers-color-scheme: dark)");
}
function Ll(e) {
	let [t, n] = (0, v.useState)(e === "system" ? null : e);
	return (0, v.useEffect)(() => {
		if (e !== "system") {
			n(e);
			return;
		}
		let t = Il(), r = () => n(t?.matches ? "dark" : "light");
		return r(), t?.addEventListener("change", r), () => {
			t?.removeEventListener("change", r);
		};
	}, [e]), t === null ? Il()?.matches ? "dark" : "light" : t;
}
var Rl = typeof document < "u" ? document : null;
function $(e = null, t = {
	target: Rl,
	actInsideInputWithModifier: !0
}) {
	let [n, r] = (0, v.useState)(!1), i = (0, v.useRef)(!1), a = (0, v.useRef)(/* @__PURE__ */ new Set([])), [o, s] = (0, v.useMemo)(() => {
		if (e !== null) {
			let t = (Array.isArray(e) ? e : [e]).filter((e) => typeof e == "string").map((e) => e.replace(/\+/g, "\n").replace("\n\n", "\n+").split("\n"));
			return [t, t.reduce((e, t) => e.concat(...t), [])];
		}
		return [[], []];
	}, [e]);
	return (0, v.useEffect)(() => {
		let n = t?.target ?? Rl, c = t?.actInsideInputWithModifier ?? !0;
		if (e !== null) {
			let e = (e) => {
				if (i.current = e.ctrlKey || e.metaKey || e.shiftKey || e.altKey, (!i.current || i.current && !c) && gs(e)) return !1;
				let n = Bl(e.code, s);
				if (a.current.add(e[n]), zl(o, a.current, !1)) {
					let n = e.composedPath?.()?.[0] || e.target, a = n?.nodeName === "BUTTON" || n?.nodeName === "A";
					t.preventDefault !== !1 && (i.current || !a) && e.preventDefault(), r(!0);
				}
			}, l = (e) => {
				let t = Bl(e.code, s);
				zl(o, a.current, !0) ? (r(!1), a.current.clear()) : a.current.delete(e[t]), e.key === "Meta" && a.current.clear(), i.current = !1;
			}, u = () => {
				a.current.clear(), r(!1);
			};
			return n?.addEventListener("keydown", e), n?.addEventListener("keyup", l), window.addEventListener("blur", u), window.addEventListener("contextmenu", u), () => {
				n?.removeEventListener("keydown", e), n?.removeEventListener("keyup", l), window.removeEventListener("blur", u), window.removeEventListener("contextmenu", u);
			};
		}
	}, [e, r]), n;
}
function zl(e, t, n) {
	return e.filter((e) => n || e.length === t.size).some((e) => e.every((e) => t.has(e)));
}
function Bl(e, t) {
	return t.includes(e) ? "code" : "key";
}
var Vl = () => {
	let e = Q();
	return (0, v.useMemo)(() => ({
		zoomIn: async (t) => {
			let { panZoom: n } = e.getState();
			return n ? n.scaleBy(1.2, t) : !1;
		},
		zoomOut: async (t) => {
			let { panZoom: n } = e.getState();
			return n ? n.scaleBy(1 / 1.2, t) : !1;
		},
		zoomTo: async (t, n) => {
			let { panZoom: r } = e.getState();
			return r ? r.scaleTo(t, n) : !1;
		},
		getZoom: () => e.getState().transform[2],
		setViewport: async (t, n) => {
			let { transform: [r, i, a], panZoom: o } = e.getState();
			return o ? (await o.setViewport({
				x: t.x ?? r,
				y: t.y ?? i,
				zoom: t.zoom ?? a
			}, n), !0) : !1;
		},
		getViewport: () => {
			let [t, n, r] = e.getState().transform;
			return {
				x: t,
				y: n,
				zoom: r
			};
		},
		setCenter: async (t, n, r) => e.getState().setCenter(t, n, r),
		fitBounds: async (t, n) => {
			let { width: r, height: i, minZoom: a, maxZoom: o, panZoom: s } = e.getState(), c = ns(t, r, i, a, o, n?.padding ?? .1);
			return s ? (await s.setViewport(c, {
				duration: n?.duration,
				ease: n?.ease,
				interpolate: n?.interpolate
			}), !0) : !1;
		},
		screenToFlowPosition: (t, n = {}) => {
			let { transform: r, snapGrid: i, snapToGrid: a, domNode: o } = e.getState();
			if (!o) return t;
			let { x: s, y: c } = o.getBoundingClientRect(), l = {
				x: t.x - s,
				y: t.y - c
			}, u = n.snapGrid ?? i;
			return Zo(l, r, n.snapToGrid ?? a, u);
		},
		flowToScreenPosition: (t) => {
			let { transform: n, domNode: r } = e.getState();
			if (!r) return t;
			let { x: i, y: a } = r.getBoundingClientRect(), o = Qo(t, n);
			return {
				x: o.x + i,
				y: o.y + a
			};
		}
	}), []);
};
function Hl(e, t) {
	let n = [], r = /* @__PURE__ */ new Map(), i = [];
	for (let t of e) if (t.type === "add") {
		i.push(t);
		continue;
	} else if (t.type === "remove" || t.type === "replace") r.set(t.id, [t]);
	else {
		let e = r.get(t.id);
		e ? e.push(t) : r.set(t.id, [t]);
	}
	for (let e of t) {
		let t = r.get(e.id);
		if (!t) {
			n.push(e);
			continue;
		}
		if (t[0].type === "remove") continue;
		if (t[0].type === "replace") {
			n.push({ ...t[0].item });
			continue;
		}
		let i = { ...e };
		for (let e of t) Ul(e, i);
		n.push(i);
	}
	return i.length && i.forEach((e) => {
		e.index === void 0 ? n.push({ ...e.item }) : n.splice(e.index, 0, { ...e.item });
	}), n;
}
function Ul(e, t) {
	switch (e.type) {
		case "select":
			t.selected = e.selected;
			break;
		case "position":
			e.position !== void 0 && (t.position = e.position), e.dragging !== void 0 && (t.dragging = e.dragging);
			break;
		case "dimensions": e.dimensions !== void 0 && (t.measured = { ...e.dimensions }, e.setAttributes && ((e.setAttributes === !0 || e.setAttributes === "width") && (t.width = e.dimensions.width), (e.setAttributes === !0 || e.setAttributes === "height") && (t.height = e.dimensions.height))), typeof e.resizing == "boolean" && (t.resizing = e.resizing);
	}
}
function Wl(e, t) {
	return Hl(e, t);
}
function Gl(e, t) {
	return Hl(e, t);
}
function Kl(e, t) {
	return {
		id: e,
		type: "select",
		selected: t
	};
}
function ql(e, t = /* @__PURE__ */ new Set()) {
	let n = [];
	for (let [r, i] of e) {
		let e = t.has(r);
		(i.selected !== void 0 || e) && i.selected !== e && n.push(Kl(i.id, e));
	}
	return n;
}
function Jl({ items: e = [], lookup: t }) {
	let n = [], r = new Map(e.map((e) => [e.id, e]));
	for (let [r, i] of e.entries()) {
		let e = t.get(i.id), a = e?.internals?.userNode ?? e;
		a !== void 0 && a !== i && n.push({
			id: i.id,
			item: i,
			type: "replace"
		}), a === void 0 && n.push({
			item: i,
			type: "add",
			index: r
		});
	}
	for (let [e] of t) r.get(e) === void 0 && n.push({
		id: e,
		type: "remove"
	});
	return n;
}
function Yl(e) {
	return {
		id: e.id,
		type: "remove"
	};
}
var Xl = Yo("React Flow", "https://reactflow.dev/");
function Zl(e, t, n = {}) {
	return ks(e, t, {
		...n,
		onError: n.onError ?? Xl
	});
}
var Ql = (e) => wo(e), $l = (e) => Co(e);
function eu(e) {
	return (0, v.forwardRef)(e);
}
var tu = typeof window < "u" ? v.useLayoutEffect : v.useEffect;
function nu(e) {
	let [t, n] = (0, v.useState)(BigInt(0)), [r] = (0, v.useState)(() => ru(() => n((e) => e + BigInt(1))));
	return tu(() => {
		let t = r.get();
		t.length && (e(t), r.reset());
	}, [t]), r;
}
function ru(e) {
	let t = [];
	return {
		get: () => t,
		reset: () => {
			t = [];
		},
		push: (n) => {
			t.push(n), e();
		}
	};
}
var iu = (0, v.createContext)(null);
function au({ children: e }) {
	let t = Q(), n = nu((0, v.useCallback)((e) => {
		let { nodes: n = [], setNodes: r, hasDefaultNodes: i, onNodesChange: a, nodeLookup: o, fitViewQueued: s, onNodesChangeMiddlewareMap: c } = t.getState(), l = n;
		for (let t of e) l = typeof t == "function" ? t(l) : t;
		let u = Jl({
			items: l,
			lookup: o
		});
		for (let e of c.values()) u = e(u);
		i && r(l), u.length > 0 ? a?.(u) : s && window.requestAnimationFrame(() => {
			let { fitViewQueued: e, nodes: n, setNodes: r } = t.getState();
			e && r(n);
		});
	}, [])), r = nu((0, v.useCallback)((e) => {
		let { edges: n = [], setEdges: r, hasDefaultEdges: i, onEdgesChange: a, edgeLookup: o } = t.getState(), s = n;
		for (let t of e) s = typeof t == "function" ? t(s) : t;
		i ? r(s) : a && a(Jl({
			items: s,
			lookup: o
		}));
	}, [])), i = (0, v.useMemo)(() => ({
		nodeQueue: n,
		edgeQueue: r
	}), []);
	return (0, b.jsx)(iu.Provider, {
		value: i,
		children: e
	});
}
function ou() {
	let e = (0, v.useContext)(iu);
	if (!e) throw Error("useBatchContext must be used within a BatchProvider");
	return e;
}
var su = (e) => !!e.panZoom;
function cu() {
	let e = Vl(), t = Q(), n = ou(), r = Z(su), i = (0, v.useMemo)(() => {
		let e = (e) => t.getState().nodeLookup.get(e), r = (e) => {
			n.nodeQueue.push(e);
		}, i = (e) => {
			n.edgeQueue.push(e);
		}, a = (e) => {
			let { nodeLookup: n, nodeOrigin: r } = t.getState(), i = Ql(e) ? e : n.get(e.id), a = i.parentId ? ss(i.position, i.measured, i.parentId, n, r) : i.position;
			return Ho({
				...i,
				position: a,
				width: i.measured?.width ?? i.width,
				height: i.measured?.height ?? i.height
			}, i.parentId ? void 0 : r);
		}, o = (e, t, n = { replace: !1 }) => {
			r((r) => r.map((r) => {
				if (r.id === e) {
					let e = typeof t == "function" ? t(r) : t;
					return n.replace && Ql(e) ? e : {
						...r,
						...e
					};
				}
				return r;
			}));
		}, s = (e, t, n = { replace: !1 }) => {
			i((r) => r.map((r) => {
				if (r.id === e) {
					let e = typeof t == "function" ? t(r) : t;
					return n.replace && $l(e) ? e : {
						...r,
						...e
					};
				}
				return r;
			}));
		};
		return {
			getNodes: () => t.getState().nodes.map((e) => ({ ...e })),
			getNode: (t) => e(t)?.internals.userNode,
			getInternalNode: e,
			getEdges: () => {
				let { edges: e = [] } = t.getState();
				return e.map((e) => ({ ...e }));
			},
			getEdge: (e) => t.getState().edgeLookup.get(e),
			setNodes: r,
			setEdges: i,
			addNodes: (e) => {
				let t = Array.isArray(e) ? e : [e];
				n.nodeQueue.push((e) => [...e, ...t]);
			},
			addEdges: (e) => {
				let t = Array.isArray(e) ? e : [e];
				n.edgeQueue.push((e) => [...e, ...t]);
			},
			toObject: () => {
				let { nodes: e = [], edges: n = [], transform: r } = t.getState(), [i, a, o] = r;
				return {
					nodes: e.map((e) => ({ ...e })),
					edges: n.map((e) => ({ ...e })),
					viewport: {
						x: i,
						y: a,
						zoom: o
					}
				};
			},
			deleteElements: async ({ nodes: e = [], edges: n = [] }) => {
				let { nodes: r, edges: i, onNodesDelete: a, onEdgesDelete: o, triggerNodeChanges: s, triggerEdgeChanges: c, onDelete: l, onBeforeDelete: u } = t.getState(), { nodes: d, edges: f } = await No({
					nodesToRemove: e,
					edgesToRemove: n,
					nodes: r,
					edges: i,
					onBeforeDelete: u
				}), p = f.length > 0, m = d.length > 0;
				if (p) {
					let e = f.map(Yl);
					o?.(f), c(e);
				}
				if (m) {
					let e = d.map(Yl);
					a?.(d), s(e);
				}
				return (m || p) && l?.({
					nodes: d,
					edges: f
				}), {
					deletedNodes: d,
					deletedEdges: f
				};
			},
			getIntersectingNodes: (e, n = !0, r) => {
				let i = qo(e), o = i ? e : a(e), s = r !== void 0;
				if (!o) return [];
				let { nodeOrigin: c } = t.getState();
				return (r || t.getState().nodes).filter((r) => {
					let a = t.getState().nodeLookup.get(r.id);
					if (a && !i && (r.id === e.id || !a.internals.positionAbsolute)) return !1;
					let l = Ho(s ? r : a, c), u = Ko(l, o);
					return n && u > 0 || u >= l.width * l.height || u >= o.width * o.height;
				});
			},
			isNodeIntersecting: (e, t, n = !0) => {
				let r = qo(e) ? e : a(e);
				if (!r) return !1;
				let i = Ko(r, t);
				return n && i > 0 || i >= t.width * t.height || i >= r.width * r.height;
			},
			updateNode: o,
			updateNodeData: (e, t, n = { replace: !1 }) => {
				o(e, (e) => {
					let r = typeof t == "function" ? t(e) : t;
					return n.replace ? {
						...e,
						data: r
					} : {
						...e,
						data: {
							...e.data,
							...r
						}
					};
				}, n);
			},
			updateEdge: s,
			updateEdgeData: (e, t, n = { replace: !1 }) => {
				s(e, (e) => {
					let r = typeof t == "function" ? t(e) : t;
					return n.replace ? {
						...e,
						data: r
					} : {
						...e,
						data: {
							...e.data,
							...r
						}
					};
				}, n);
			},
			getNodesBounds: (e) => {
				let { nodeLookup: n, nodeOrigin: r } = t.getState();
				return Eo(e, {
					nodeLookup: n,
					nodeOrigin: r
				});
			},
			getHandleConnections: ({ type: e, id: n, nodeId: r }) => Array.from(t.getState().connectionLookup.get(`${r}-${e}${n ? `-${n}` : ""}`)?.values() ?? []),
			getNodeConnections: ({ type: e, handleId: n, nodeId: r }) => Array.from(t.getState().connectionLookup.get(`${r}${e ? n ? `-${e}-${n}` : `-${e}` : ""}`)?.values() ?? []),
			fitView: async (e) => {
				let r = t.getState().fitViewResolver ?? ls();
				return t.setState({
					fitViewQueued: !0,
					fitViewOptions: e,
					fitViewResolver: r
				}), n.nodeQueue.push((e) => [...e]), r.promise;
			}
		};
	}, []);
	return (0, v.useMemo)(() => ({
		...i,
		...e,
		viewportInitialized: r
	}), [r]);
}
var lu = (e) => e.selected, uu = typeof window < "u" ? window : void 0;
function du({ deleteKeyCode: e, multiSelectionKeyCode: t }) {
	let n = Q(), { deleteElements: r } = cu(), i = $(e, { actInsideInputWithModifier: !1 }), a = $(t, { target: uu });
	(0, v.useEffect)(() => {
		if (i) {
			let { edges: e, nodes: t } = n.getState();
			r({
				nodes: t.filter(lu),
				edges: e.filter(lu)
			}), n.setState({ nodesSelectionActive: !1 });
		}
	}, [i]), (0, v.useEffect)(() => {
		n.setState({ multiSelectionActive: a });
	}, [a]);
}
function fu(e) {
	let t = Q();
	(0, v.useEffect)(() => {
		let n = () => {
			if (!e.current || !(e.current.checkVisibility?.() ?? !0)) return !1;
			let n = ps(e.current);
			(n.height === 0 || n.width === 0) && t.getState().onError?.("004", po.error004()), t.setState({
				width: n.width || 500,
				height: n.height || 500
			});
		};
		if (e.current) {
			n(), window.addEventListener("resize", n);
			let t = new ResizeObserver(() => n());
			return t.observe(e.current), () => {
				window.removeEventListener("resize", n), t.disconnect();
			};
		}
	}, []);
}
var pu = {
	position: "absolute",
	width: "100%",
	height: "100%",
	top: 0,
	left: 0
}, mu = (e) => ({
	userSelectionActive: e.userSelectionActive,
	lib: e.lib,
	connectionInProgress: e.connection.inProgress
});
function hu({ onPaneContextMenu: e, zoomOnScroll: t = !0, zoomOnPinch: n = !0, panOnScroll: r = !1, panActivationKeyPressed: i, panOnScrollSpeed: a = .5, panOnScrollMode: o = vo.Free, zoomOnDoubleClick: s = !0, panOnDrag: c = !0, defaultViewport: l, translateExtent: u, minZoom: d, maxZoom: f, zoomActivationKeyCode: p, preventScrolling: m = !0, children: h, noWheelClassName: g, noPanClassName: _, onViewportChange: y, isControlledViewport: x, paneClickDistance: S, selectionOnDrag: C }) {
	let w = Q(), T = (0, v.useRef)(null), { userSelectionActive: E, lib: D, connectionInProgress: O } = Z(mu, X), k = $(p), A = (0, v.useRef)();
	fu(T);
	let j = (0, v.useCallback)((e) => {
		y?.({
			x: e[0],
			y: e[1],
			zoom: e[2]
		}), x || w.setState({ transform: e });
	}, [y, x]);
	return (0, v.useEffect)(() => {
		if (T.current) {
			A.current = Rc({
				domNode: T.current,
				minZoom: d,
				maxZoom: f,
				translateExtent: u,
				viewport: l,
				onDraggingChange: (e) => w.setState((t) => t.paneDragging === e ? t : { paneDragging: e }),
				onPanZoomStart: (e, t) => {
					let { onViewportChangeStart: n, onMoveStart: r } = w.getState();
					r?.(e, t), n?.(t);
				},
				onPanZoom: (e, t) => {
					let { onViewportChange: n, onMove: r } = w.getState();
					r?.(e, t), n?.(t);
				},
				onPanZoomEnd: (e, t) => {
					let { onViewportChangeEnd: n, onMoveEnd: r } = w.getState();
					r?.(e, t), n?.(t);
				}
			});
			let { x: e, y: t, zoom: n } = A.current.getViewport();
			return w.setState({
				panZoom: A.current,
				transform: [
					e,
					t,
					n
				],
				domNode: T.current.closest(".react-flow")
			}), () => {
				A.current?.destroy();
			};
		}
	}, []), (0, v.useEffect)(() => {
		A.current?.update({
			onPaneContextMenu: e,
			zoomOnScroll: t,
			zoomOnPinch: n,
			panOnScroll: r,
			panActivationKeyPressed: i,
			panOnScrollSpeed: a,
			panOnScrollMode: o,
			zoomOnDoubleClick: s,
			panOnDrag: c,
			zoomActivationKeyPressed: k,
			preventScrolling: m,
			noPanClassName: _,
			userSelectionActive: E,
			noWheelClassName: g,
			lib: D,
			onTransformChange: j,
			connectionInProgress: O,
			selectionOnDrag: C,
			paneClickDistance: S
		});
	}, [
		e,
		t,
		n,
		r,
		i,
		a,
		o,
		s,
		c,
		k,
		m,
		_,
		E,
		g,
		D,
		j,
		O,
		C,
		S
	]), (0, b.jsx)("div", {
		className: "react-flow__renderer",
		ref: T,
		style: pu,
		children: h
	});
}
var gu = (e) => ({
	userSelectionActive: e.userSelectionActive,
	userSelectionRect: e.userSelectionRect
});
function _u() {
	let { userSelectionActive: e, userSelectionRect: t } = Z(gu, X);
	return e && t ? (0, b.jsx)("div", {
		className: "react-flow__selection react-flow__container",
		style: {
			width: t.width,
			height: t.height,
			transform: `translate(${t.x}px, ${t.y}px)`
		}
	}) : null;
}
var vu = (e, t) => (n) => {
	n.target === t.current && e?.(n);
}, yu = (e) => ({
	userSelectionActive: e.userSelectionActive,
	elementsSelectable: e.elementsSelectable,
	dragging: e.paneDragging,
	panBy: e.panBy,
	autoPanSpeed: e.autoPanSpeed
});
function bu({ isSelecting: e, selectionKeyPressed: t, selectionMode: n = yo.Full, panOnDrag: r, autoPanOnSelection: i, paneClickDistance: a, selectionOnDrag: o, onSelectionStart: s, onSelectionEnd: c, onPaneClick: l, onPaneContextMenu: u, onPaneScroll: d, onPaneMouseEnter: f, onPaneMouseMove: p, onPaneMouseLeave: m, children: h }) {
	let g = (0, v.useRef)(0), _ = Q(), { userSelectionActive: y, elementsSelectable: S, dragging: C, panBy: w, autoPanSpeed: T } = Z(yu, X), E = S && (e || y), D = (0, v.useRef)(null), O = (0, v.useRef)(), k = (0, v.useRef)(/* @__PURE__ */ new Set()), A = (0, v.useRef)(/* @__PURE__ */ new Set()), j = (0, v.useRef)(!1), M = (0, v.useRef)(!1), N = (0, v.useRef)({
		x: 0,
		y: 0
	}), P = (0, v.useRef)(!1), F = (e) => {
		if (M.current || j.current || _.getState().connection.inProgress) {
			M.current = !1, j.current = !1;
			return;
		}
		let { connectionClickStartHandle: t, connection: n, onClickConnectEnd: r, resetSelectedElements: i } = _.getState();
		if (t) {
			let t = structuredClone(n);
			delete t.inProgress, t.toPosition = t.toHandle ? t.toHandle.position : null, r?.(e.nativeEvent, t), _.setState({ connectionClickStartHandle: null });
		}
		l?.(e), i(), _.setState({ nodesSelectionActive: !1 });
	}, ee = (e) => {
		Array.isArray(r) && r?.includes(2) ? e.preventDefault() : u?.(e);
	}, te = d ? (e) => d(e) : void 0, ne = (e) => {
		M.current &&= (e.stopPropagation(), !1);
	}, I = (n) => {
		if (n.pointerType === "touch" && r !== !1 && !t) return;
		let { domNode: i, transform: a } = _.getState();
		if (O.current = i?.getBoundingClientRect(), !O.current) return;
		let s = n.target === D.current;
		if (!s && n.target.closest(".nokey") || !e || !(o && s || t) || n.button !== 0 || !n.isPrimary) return;
		n.target?.setPointerCapture?.(n.pointerId), M.current = !1;
		let { x: c, y: l } = vs(n.nativeEvent, O.current), u = Zo({
			x: c,
			y: l
		}, a);
		_.setState({ userSelectionRect: {
			width: 0,
			height: 0,
			startX: u.x,
			startY: u.y,
			x: c,
			y: l
		} }), s || (n.stopPropagation(), n.preventDefault());
	};
	function L(e, t) {
		let { userSelectionRect: r } = _.getState();
		if (!r) return;
		let { transform: i, nodeLookup: a, edgeLookup: o, connectionLookup: s, triggerNodeChanges: c, triggerEdgeChanges: l, defaultEdgeOptions: u } = _.getState(), d = {
			x: r.startX,
			y: r.startY
		}, { x: f, y: p } = Qo(d, i), m = {
			startX: d.x,
			startY: d.y,
			x: e < f ? e : f,
			y: t < p ? t : p,
			width: Math.abs(e - f),
			height: Math.abs(t - p)
		}, h = k.current, g = A.current;
		k.current = new Set(Oo(a, m, i, n === yo.Partial, !0).map((e) => e.id)), A.current = /* @__PURE__ */ new Set();
		let v = u?.selectable ?? !0;
		for (let e of k.current) {
			let t = s.get(e);
			if (t) for (let { edgeId: e } of t.values()) {
				let t = o.get(e);
				t && (t.selectable ?? v) && A.current.add(e);
			}
		}
		cs(h, k.current) || c(ql(a, k.current)), cs(g, A.current) || l(ql(o, A.current)), _.setState({
			userSelectionRect: m,
			userSelectionActive: !0,
			nodesSelectionActive: !1
		});
	}
	function R() {
		if (!i || !O.current) return;
		let [e, t] = Ro(N.current, O.current, T);
		w({
			x: e,
			y: t
		}).then((e) => {
			if (!M.current || !e) {
				g.current = requestAnimationFrame(R);
				return;
			}
			let { x: t, y: n } = N.current;
			L(t, n), g.current = requestAnimationFrame(R);
		});
	}
	let z = () => {
		cancelAnimationFrame(g.current), g.current = 0, P.current = !1;
	};
	(0, v.useEffect)(() => () => z(), []);
	let re = (e) => {
		let { userSelectionRect: n, transform: r, resetSelectedElements: i } = _.getState();
		if (!O.current || !n) return;
		let { x: o, y: c } = vs(e.nativeEvent, O.current);
		N.current = {
			x: o,
			y: c
		};
		let l = Qo({
			x: n.startX,
			y: n.startY
		}, r);
		if (!M.current) {
			let n = t ? 0 : a;
			if (Math.hypot(o - l.x, c - l.y) <= n) return;
			i(), s?.(e);
		}
		M.current = !0, P.current ||= (R(), !0), L(o, c);
	}, ie = (e) => {
		E ? e.button === 0 && (e.target?.releasePointerCapture?.(e.pointerId), !y && e.target === D.current && _.getState().userSelectionRect && F?.(e), _.setState({
			userSelectionActive: !1,
			userSelectionRect: null
		}), M.current && (c?.(e), _.setState({ nodesSelectionActive: k.current.size > 0 })), z()) : e.target === D.current && _.getState().connection.inProgress && (j.current = !0);
	}, ae = (e) => {
		e.target?.releasePointerCapture?.(e.pointerId), z();
	}, oe = r === !0 || Array.isArray(r) && r.includes(0);
	return (0, b.jsxs)("div", {
		className: x(["react-flow__pane", {
			draggable: oe,
			dragging: C,
			selection: e
		}]),
		onClick: E ? void 0 : vu(F, D),
		onContextMenu: vu(ee, D),
		onWheel: vu(te, D),
		onPointerEnter: E ? void 0 : f,
		onPointerMove: E ? re : p,
		onPointerUp: ie,
		onPointerCancel: E ? ae : void 0,
		onPointerDownCapture: E ? I : void 0,
		onClickCapture: E ? ne : void 0,
		onPointerLeave: m,
		ref: D,
		style: pu,
		children: [h, (0, b.jsx)(_u, {})]
	});
}
function xu({ id: e, store: t, unselect: n = !1, nodeRef: r }) {
	let { addSelectedNodes: i, unselectNodesAndEdges: a, multiSelectionActive: o, nodeLookup: s, onError: c } = t.getState(), l = s.get(e);
	l ? (t.setState({ nodesSelectionActive: !1 }), l.selected ? (n || l.selected && o) && (a({
		nodes: [l],
		edges: []
	}), requestAnimationFrame(() => r?.current?.blur())) : i([e])) : c?.("012", po.error012(e));
}
function Su({ nodeRef: e, disabled: t = !1, noDragClassName: n, handleSelector: r, nodeId: i, isSelectable: a, nodeClickDistance: o }) {
	let s = Q(), [c, l] = (0, v.useState)(!1), u = (0, v.useRef)();
	return (0, v.useEffect)(() => {
		if (!t) return u.current = mc({
			getStoreItems: () => s.getState(),
			onNodeMouseDown: (t) => {
				xu({
					id: t,
					store: s,
					nodeRef: e
				});
			},
			onDragStart: () => {
				l(!0);
			},
			onDragStop: () => {
				l(!1);
			}
		}), () => {
			u.current?.destroy(), u.current = void 0;
		};
	}, [
		t,
		s,
		e
	]), (0, v.useEffect)(() => {
		!t && e.current && u.current && u.current.update({
			noDragClassName: n,
			handleSelector: r,
			domNode: e.current,
			isSelectable: a,
			nodeId: i,
			nodeClickDistance: o
		});
	}, [
		n,
		r,
		t,
		a,
		e,
		i,
		o
	]), c;
}
var Cu = (e) => (t) => t.selected && (t.draggable || e && t.draggable === void 0);
function wu() {
	let e = Q();
	return (0, v.useCallback)((t) => {
		let { nodeExtent: n, snapToGrid: r, snapGrid: i, nodesDraggable: a, onError: o, updateNodePositions: s, nodeLookup: c, nodeOrigin: l } = e.getState(), u = /* @__PURE__ */ new Map(), d = Cu(a), f = r ? i[0] : 5, p = r ? i[1] : 5, m = t.direction.x * f * t.factor, h = t.direction.y * p * t.factor;
		for (let [, e] of c) {
			if (!d(e)) continue;
			let t = {
				x: e.internals.positionAbsolute.x + m,
				y: e.internals.positionAbsolute.y + h
			};
			r && (t = Xo(t, i));
			let { position: a, positionAbsolute: s } = Mo({
				nodeId: e.id,
				nextPosition: t,
				nodeLookup: c,
				nodeExtent: n,
				nodeOrigin: l,
				onError: o
			});
			e.position = a, e.internals.positionAbsolute = s, u.set(e.id, e);
		}
		s(u);
	}, []);
}
var Tu = (0, v.createContext)(null), Eu = Tu.Provider;
Tu.Consumer;
var Du = () => (0, v.useContext)(Tu), Ou = (e) => ({
	connectOnClick: e.connectOnClick,
	noPanClassName: e.noPanClassName,
	rfId: e.rfId
}), ku = (0, v.createContext)(null);
function Au({ children: e }) {
	let t = Z(Ou, X);
	return (0, b.jsx)(ku.Provider, {
		value: t,
		children: e
	});
}
function ju() {
	let e = (0, v.useContext)(ku);
	if (!e) throw Error("useHandleConfig must be used within a HandleConfigProvider");
	return e;
}
var Mu = {
	connectingFrom: !1,
	connectingTo: !1,
	clickConnecting: !1,
	isPossibleEndHandle: !0,
	connectionInProcess: !1,
	clickConnectionInProcess: !1,
	valid: !1
}, Nu = (e, t, n) => (r) => {
	let { connectionClickStartHandle: i, connectionMode: a, connection: o } = r, { fromHandle: s, toHandle: c, isValid: l } = o;
	if (!s && !i) return Mu;
	let u = c?.nodeId === e && c?.id === t && c?.type === n;
	return {
		connectingFrom: s?.nodeId === e && s?.id === t && s?.type === n,
		connectingTo: u,
		clickConnecting: i?.nodeId === e && i?.id === t && i?.type === n,
		isPossibleEndHandle: a === _o.Strict ? s?.type !== n : e !== s?.nodeId || t !== s?.id,
		connectionInProcess: !!s,
		clickConnectionInProcess: !!i,
		valid: u && l
	};
};
function Pu({ type: e = "source", position: t = K.Top, isValidConnection: n, isConnectable: r = !0, isConnectableStart: i = !0, isConnectableEnd: a = !0, id: o, onConnect: s, children: c, className: l, onMouseDown: u, onTouchStart: d, ...f }, p) {
	let m = o || null, h = e === "target", g = Q(), _ = Du(), { connectOnClick: v, noPanClassName: y, rfId: S } = ju(), { connectingFrom: C, connectingTo: w, clickConnecting: T, isPossibleEndHandle: E, connectionInProcess: D, clickConnectionInProcess: O, valid: k } = Z(Nu(_, m, e), X);
	_ || g.getState().onError?.("010", po.error010());
	let A = (e) => {
		let { defaultEdgeOptions: t, onConnect: n, hasDefaultEdges: r } = g.getState(), i = {
			...t,
			...e
		};
		if (r) {
			let { edges: e, setEdges: t, onError: n } = g.getState();
			t(Zl(i, e, { onError: n }));
		}
		n?.(i), s?.(i);
	}, j = (e) => {
		if (!_) return;
		let t = _s(e.nativeEvent);
		if (i && (t && e.button === 0 || !t)) {
			let t = g.getState();
			Cc.onPointerDown(e.nativeEvent, {
				handleDomNode: e.currentTarget,
				autoPanOnConnect: t.autoPanOnConnect,
				connectionMode: t.connectionMode,
				connectionRadius: t.connectionRadius,
				domNode: t.domNode,
				nodeLookup: t.nodeLookup,
				lib: t.lib,
				isTarget: h,
				handleId: m,
				nodeId: _,
				flowId: t.rfId,
				panBy: t.panBy,
				cancelConnection: t.cancelConnection,
				onConnectStart: t.onConnectStart,
				onConnectEnd: (...e) => g.getState().onConnectEnd?.(...e),
				updateConnection: t.updateConnection,
				onConnect: A,
				isValidConnection: n || ((...e) => g.getState().isValidConnection?.(...e) ?? !0),
				getTransform: () => g.getState().transform,
				getFromHandle: () => g.getState().connection.fromHandle,
				autoPanSpeed: t.autoPanSpeed,
				dragThreshold: t.connectionDragThreshold
			});
		}
		t ? u?.(e) : d?.(e);
	};
	return (0, b.jsx)("div", {
		"data-handleid": m,
		"data-nodeid": _,
		"data-handlepos": t,
		"data-id": `${S}-${_}-${m}-${e}`,
		className: x([
			"react-flow__handle",
			`react-flow__handle-${t}`,
			"nodrag",
			y,
			l,
			{
				source: !h,
				target: h,
				connectable: r,
				connectablestart: i,
				connectableend: a,
				clickconnecting: T,
				connectingfrom: C,
				connectingto: w,
				valid: k,
				connectionindicator: r && (!D || E) && (D || O ? a : i)
			}
		]),
		onMouseDown: j,
		onTouchStart: j,
		onClick: v ? (t) => {
			let { onClickConnectStart: r, onClickConnectEnd: a, connectionClickStartHandle: o, connectionMode: s, isValidConnection: c, lib: l, rfId: u, nodeLookup: d, connection: f } = g.getState();
			if (!_ || !o && !i) return;
			if (!o) {
				r?.(t.nativeEvent, {
					nodeId: _,
					handleId: m,
					handleType: e
				}), g.setState({ connectionClickStartHandle: {
					nodeId: _,
					type: e,
					id: m
				} });
				return;
			}
			let p = ms(t.target), h = n || c, { connection: v, isValid: y } = Cc.isValid(t.nativeEvent, {
				handle: {
					nodeId: _,
					id: m,
					type: e
				},
				connectionMode: s,
				fromNodeId: o.nodeId,
				fromHandleId: o.id || null,
				fromType: o.type,
				isValidConnection: h,
				flowId: u,
				doc: p,
				lib: l,
				nodeLookup: d
			});
			y && v && A(v);
			let b = structuredClone(f);
			delete b.inProgress, b.toPosition = b.toHandle ? b.toHandle.position : null, a?.(t, b), g.setState({ connectionClickStartHandle: null });
		} : void 0,
		ref: p,
		...f,
		children: c
	});
}
var Fu = (0, v.memo)(eu(Pu));
function Iu({ data: e, isConnectable: t, sourcePosition: n = K.Bottom }) {
	return (0, b.jsxs)(b.Fragment, { children: [e?.label, (0, b.jsx)(Fu, {
		type: "source",
		position: n,
		isConnectable: t
	})] });
}
function Lu({ data: e, isConnectable: t, targetPosition: n = K.Top, sourcePosition: r = K.Bottom }) {
	return (0, b.jsxs)(b.Fragment, { children: [
		(0, b.jsx)(Fu, {
			type: "target",
			position: n,
			isConnectable: t
		}),
		e?.label,
		(0, b.jsx)(Fu, {
			type: "source",
			position: r,
			isConnectable: t
		})
	] });
}
function Ru() {
	return null;
}
function zu({ data: e, isConnectable: t, targetPosition: n = K.Top }) {
	return (0, b.jsxs)(b.Fragment, { children: [(0, b.jsx)(Fu, {
		type: "target",
		position: n,
		isConnectable: t
	}), e?.label] });
}
var Bu = {
	ArrowUp: {
		x: 0,
		y: -1
	},
	ArrowDown: {
		x: 0,
		y: 1
	},
	ArrowLeft: {
		x: -1,
		y: 0
	},
	ArrowRight: {
		x: 1,
		y: 0
	}
}, Vu = {
	input: Iu,
	default: Lu,
	output: zu,
	group: Ru
};
function Hu(e) {
	return e.internals.handleBounds === void 0 ? {
		width: e.width ?? e.initialWidth ?? e.style?.width,
		height: e.height ?? e.initialHeight ?? e.style?.height
	} : {
		width: e.width ?? e.style?.width,
		height: e.height ?? e.style?.height
	};
}
var Uu = (e) => {
	let { width: t, height: n, x: r, y: i } = Do(e.nodeLookup, { filter: (e) => !!e.selected });
	return {
		width: Jo(t) ? t : null,
		height: Jo(n) ? n : null,
		userSelectionActive: e.userSelectionActive,
		transformString: `translate(${e.transform[0]}px,${e.transform[1]}px) scale(${e.transform[2]}) translate(${r}px,${i}px)`
	};
};
function Wu({ onSelectionContextMenu: e, noPanClassName: t, disableKeyboardA11y: n }) {
	let r = Q(), { width: i, height: a, transformString: o, userSelectionActive: s } = Z(Uu, X), c = wu(), l = (0, v.useRef)(null);
	(0, v.useEffect)(() => {
		n || l.current?.focus({ preventScroll: !0 });
	}, [n]);
	let u = !s && i !== null && a !== null;
	if (Su({
		nodeRef: l,
		disabled: !u
	}), !u) return null;
	let d = e ? (t) => {
		e(t, r.getState().nodes.filter((e) => e.selected));
	} : void 0;
	return (0, b.jsx)("div", {
		className: x([
			"react-flow__nodesselection",
			"react-flow__container",
			t
		]),
		style: { transform: o },
		children: (0, b.jsx)("div", {
			ref: l,
			className: "react-flow__nodesselection-rect",
			onContextMenu: d,
			tabIndex: n ? void 0 : -1,
			onKeyDown: n ? void 0 : (e) => {
				Object.prototype.hasOwnProperty.call(Bu, e.key) && (e.preventDefault(), c({
					direction: Bu[e.key],
					factor: e.shiftKey ? 4 : 1
				}));
			},
			style: {
				width: i,
				height: a
			}
		})
	});
}
var Gu = typeof window < "u" ? window : void 0, Ku = (e) => ({
	nodesSelectionActive: e.nodesSelectionActive,
	userSelectionActive: e.userSelectionActive
});
function qu({ children: e, onPaneClick: t, onPaneMouseEnter: n, onPaneMouseMove: r, onPaneMouseLeave: i, onPaneContextMenu: a, onPaneScroll: o, paneClickDistance: s, deleteKeyCode: c, selectionKeyCode: l, selectionOnDrag: u, selectionMode: d, onSelectionStart: f, onSelectionEnd: p, multiSelectionKeyCode: m, panActivationKeyCode: h, zoomActivationKeyCode: g, elementsSelectable: _, zoomOnScroll: v, zoomOnPinch: y, panOnScroll: x, panOnScrollSpeed: S, panOnScrollMode: C, zoomOnDoubleClick: w, panOnDrag: T, autoPanOnSelection: E, defaultViewport: D, translateExtent: O, minZoom: k, maxZoom: A, preventScrolling: j, onSelectionContextMenu: M, noWheelClassName: N, noPanClassName: P, disableKeyboardA11y: F, onViewportChange: ee, isControlledViewport: te }) {
	let { nodesSelectionActive: ne, userSelectionActive: I } = Z(Ku, X), L = $(l, { target: Gu }), R = $(h, { target: Gu }), z = R || T, re = R || x, ie = u && z !== !0, ae = L || I || ie;
	return du({
		deleteKeyCode: c,
		multiSelectionKeyCode: m
	}), (0, b.jsx)(hu, {
		onPaneContextMenu: a,
		elementsSelectable: _,
		zoomOnScroll: v,
		zoomOnPinch: y,
		panOnScroll: re,
		panActivationKeyPressed: R,
		panOnScrollSpeed: S,
		panOnScrollMode: C,
		zoomOnDoubleClick: w,
		panOnDrag: !L && z,
		defaultViewport: D,
		translateExtent: O,
		minZoom: k,
		maxZoom: A,
		zoomActivationKeyCode: g,
		preventScrolling: j,
		noWheelClassName: N,
		noPanClassName: P,
		onViewportChange: ee,
		isControlledViewport: te,
		paneClickDistance: s,
		selectionOnDrag: ie,
		children: (0, b.jsxs)(bu, {
			onSelectionStart: f,
			onSelectionEnd: p,
			onPaneClick: t,
			onPaneMouseEnter: n,
			onPaneMouseMove: r,
			onPaneMouseLeave: i,
			onPaneContextMenu: a,
			onPaneScroll: o,
			panOnDrag: z,
			autoPanOnSelection: E,
			isSelecting: !!ae,
			selectionMode: d,
			selectionKeyPressed: L,
			paneClickDistance: s,
			selectionOnDrag: ie,
			children: [e, ne && (0, b.jsx)(Wu, {
				onSelectionContextMenu: M,
				noPanClassName: P,
				disableKeyboardA11y: F
			})]
		})
	});
}
qu.displayName = "FlowRenderer";
var Ju = (0, v.memo)(qu), Yu = (e) => (t) => e ? Oo(t.nodeLookup, {
	x: 0,
	y: 0,
	width: t.width,
	height: t.height
}, t.transform, !0).map((e) => e.id) : Array.from(t.nodeLookup.keys());
function Xu(e) {
	return Z((0, v.useCallback)(Yu(e), [e]), X);
}
var Zu = (e) => e.updateNodeInternals;
function Qu() {
	let e = Z(Zu), [t] = (0, v.useState)(() => typeof ResizeObserver > "u" ? null : new ResizeObserver((t) => {
		let n = /* @__PURE__ */ new Map();
		t.forEach((e) => {
			let t = e.target.getAttribute("data-id");
			n.set(t, {
				id: t,
				nodeElement: e.target,
				force: !0
			});
		}), e(n);
	}));
	return (0, v.useEffect)(() => () => {
		t?.disconnect();
	}, [t]), t;
}
function $u({ node: e, nodeType: t, hasDimensions: n, resizeObserver: r }) {
	let i = Q(), a = (0, v.useRef)(null), o = (0, v.useRef)(null), s = (0, v.useRef)(e.sourcePosition), c = (0, v.useRef)(e.targetPosition), l = (0, v.useRef)(t), u = n && !!e.internals.handleBounds;
	return (0, v.useEffect)(() => {
		!a.current || e.hidden || u && o.current === a.current || (o.current && r?.unobserve(o.current), r?.observe(a.current), o.current = a.current);
	}, [u, e.hidden]), (0, v.useEffect)(() => () => {
		o.current &&= (r?.unobserve(o.current), null);
	}, []), (0, v.useEffect)(() => {
		if (a.current) {
			let n = l.current !== t, r = s.current !== e.sourcePosition, o = c.current !== e.targetPosition;
			(n || r || o) && (l.current = t, s.current = e.sourcePosition, c.current = e.targetPosition, i.getState().updateNodeInternals(/* @__PURE__ */ new Map([[e.id, {
				id: e.id,
				nodeElement: a.current,
				force: !0
			}]])));
		}
	}, [
		e.id,
		t,
		e.sourcePosition,
		e.targetPosition
	]), a;
}
function ed({ id: e, onClick: t, onMouseEnter: n, onMouseMove: r, onMouseLeave: i, onContextMenu: a, onDoubleClick: o, nodesDraggable: s, elementsSelectable: c, nodesConnectable: l, nodesFocusable: u, resizeObserver: d, noDragClassName: f, noPanClassName: p, disableKeyboardA11y: m, rfId: h, nodeTypes: g, nodeClickDistance: _, onError: v }) {
	let { node: y, internals: S, isParent: C } = Z((t) => {
		let n = t.nodeLookup.get(e), r = t.parentLookup.has(e);
		return {
			node: n,
			internals: n.internals,
			isParent: r
		};
	}, X), w = y.type || "default", T = g?.[w] || Vu[w];
	T === void 0 && (v?.("003", po.error003(w)), w = "default", T = g?.default || Vu.default);
	let E = !!(y.draggable || s && y.draggable === void 0), D = !!(y.selectable || c && y.selectable === void 0), O = !!(y.connectable || l && y.connectable === void 0), k = !!(y.focusable || u && y.focusable === void 0), A = Q(), j = os(y), M = $u({
		node: y,
		nodeType: w,
		hasDimensions: j,
		resizeObserver: d
	}), N = Su({
		nodeRef: M,
		disabled: y.hidden || !E,
		noDragClassName: f,
		handleSelector: y.dragHandle,
		nodeId: e,
		isSelectable: D,
		nodeClickDistance: _
	}), P = wu();
	if (y.hidden) return null;
	let F = as(y), ee = Hu(y), te = D || E || t || n || r || i, ne = n ? (e) => n(e, { ...S.userNode }) : void 0, I = r ? (e) => r(e, { ...S.userNode }) : void 0, L = i ? (e) => i(e, { ...S.userNode }) : void 0, R = a ? (e) => a(e, { ...S.userNode }) : void 0, z = o ? (e) => o(e, { ...S.userNode }) : void 0, re = (n) => {
		let { selectNodesOnDrag: r, nodeDragThreshold: i } = A.getState();
		D && (!r || !E || i > 0) && xu({
			id: e,
			store: A,
			nodeRef: M
		}), t && t(n, { ...S.userNode });
	}, ie = (t) => {
		if (!(gs(t.nativeEvent) || m)) {
			if (ho.includes(t.key) && D) {
				let n = t.key === "Escape";
				xu({
					id: e,
					store: A,
					unselect: n,
					nodeRef: M
				});
			} else if (E && y.selected && Object.prototype.hasOwnProperty.call(Bu, t.key)) {
				t.preventDefault();
				let { ariaLabelConfig: e } = A.getState();
				A.setState({ ariaLiveMessage: e["node.a11yDescription.ariaLiveMessage"]({
					direction: t.key.replace("Arrow", "").toLowerCase(),
					x: ~~S.positionAbsolute.x,
					y: ~~S.positionAbsolute.y
				}) }), P({
					direction: Bu[t.key],
					factor: t.shiftKey ? 4 : 1
				});
			}
		}
	}, ae = () => {
		if (m || !M.current?.matches(":focus-visible")) return;
		let { transform: t, width: n, height: r, autoPanOnNodeFocus: i, setCenter: a } = A.getState();
		i && (Oo(/* @__PURE__ */ new Map([[e, y]]), {
			x: 0,
			y: 0,
			width: n,
			height: r
		}, t, !0).length > 0 || a(y.position.x + F.width / 2, y.position.y + F.height / 2, { zoom: t[2] }));
	};
	return (0, b.jsx)("div", {
		className: x([
			"react-flow__node",
			`react-flow__node-${w}`,
			{ [p]: E },
			y.className,
			{
				selected: y.selected,
				selectable: D,
				parent: C,
				draggable: E,
				dragging: N
			}
		]),
		ref: M,
		style: {
			zIndex: S.z,
			transform: `translate(${S.positionAbsolute.x}px,${S.positionAbsolute.y}px)`,
			pointerEvents: te ? "all" : "none",
			visibility: j ? "visible" : "hidden",
			...y.style,
			...ee
		},
		"data-id": e,
		"data-testid": `rf__node-${e}`,
		onMouseEnter: ne,
		onMouseMove: I,
		onMouseLeave: L,
		onContextMenu: R,
		onClick: re,
		onDoubleClick: z,
		onKeyDown: k ? ie : void 0,
		tabIndex: k ? 0 : void 0,
		onFocus: k ? ae : void 0,
		role: y.ariaRole ?? (k ? "group" : void 0),
		"aria-roledescription": "node",
		"aria-describedby": m ? void 0 : `${ml}-${h}`,
		"aria-label": y.ariaLabel,
		...y.domAttributes,
		children: (0, b.jsx)(Eu, {
			value: e,
			children: (0, b.jsx)(T, {
				id: e,
				data: y.data,
				type: w,
				positionAbsoluteX: S.positionAbsolute.x,
				positionAbsoluteY: S.positionAbsolute.y,
				selected: y.selected ?? !1,
				selectable: D,
				draggable: E,
				deletable: y.deletable ?? !0,
				isConnectable: O,
				sourcePosition: y.sourcePosition,
				targetPosition: y.targetPosition,
				dragging: N,
				dragHandle: y.dragHandle,
				zIndex: S.z,
				parentId: y.parentId,
				...F
			})
		})
	});
}
var td = (0, v.memo)(ed), nd = (e) => ({
	nodesConnectable: e.nodesConnectable,
	nodesFocusable: e.nodesFocusable,
	elementsSelectable: e.elementsSelectable,
	onError: e.onError
});
function rd(e) {
	let { nodesConnectable: t, nodesFocusable: n, elementsSelectable: r, onError: i } = Z(nd, X), a = Xu(e.onlyRenderVisibleElements), o = Qu();
	return (0, b.jsx)("div", {
		className: "react-flow__nodes",
		style: pu,
		children: a.map((a) => (0, b.jsx)(td, {
			id: a,
			nodeTypes: e.nodeTypes,
			nodeExtent: e.nodeExtent,
			onClick: e.onNodeClick,
			onMouseEnter: e.onNodeMouseEnter,
			onMouseMove: e.onNodeMouseMove,
			onMouseLeave: e.onNodeMouseLeave,
			onContextMenu: e.onNodeContextMenu,
			onDoubleClick: e.onNodeDoubleClick,
			noDragClassName: e.noDragClassName,
			noPanClassName: e.noPanClassName,
			rfId: e.rfId,
			disableKeyboardA11y: e.disableKeyboardA11y,
			resizeObserver: o,
			nodesDraggable: e.nodesDraggable ?? !0,
			nodesConnectable: t,
			nodesFocusable: n,
			elementsSelectable: r,
			nodeClickDistance: e.nodeClickDistance,
			onError: i
		}, a))
	});
}
rd.displayName = "NodeRenderer";
var id = (0, v.memo)(rd);
function ad(e) {
	return Z((0, v.useCallback)((t) => {
		if (!e) return t.edges.map((e) => e.id);
		let n = [];
		if (t.width && t.height) for (let e of t.edges) {
			let r = t.nodeLookup.get(e.source), i = t.nodeLookup.get(e.target);
			r && i && Es({
				sourceNode: r,
				targetNode: i,
				width: t.width,
				height: t.height,
				transform: t.transform
			}) && n.push(e.id);
		}
		return n;
	}, [e]), X);
}
var od = ({ color: e = "none", strokeWidth: t = 1 }) => {
	let n = {
		strokeWidth: t,
		...e && { stroke: e }
	};
	return (0, b.jsx)("polyline", {
		className: "arrow",
		style: n,
		strokeLinecap: "round",
		fill: "none",
		strokeLinejoin: "round",
		points: "-5,-4 0,0 -5,4"
	});
}, sd = ({ color: e = "none", strokeWidth: t = 1 }) => {
	let n = {
		strokeWidth: t,
		...e && {
			stroke: e,
			fill: e
		}
	};
	return (0, b.jsx)("polyline", {
		className: "arrowclosed",
		style: n,
		strokeLinecap: "round",
		strokeLinejoin: "round",
		points: "-5,-4 0,0 -5,4 -5,-4"
	});
}, cd = {
	[xo.Arrow]: od,
	[xo.ArrowClosed]: sd
};
function ld(e) {
	let t = Q();
	return (0, v.useMemo)(() => Object.prototype.hasOwnProperty.call(cd, e) ? cd[e] : (t.getState().onError?.("009", po.error009(e)), null), [e]);
}
var ud = ({ id: e, type: t, color: n, width: r = 12.5, height: i = 12.5, markerUnits: a = "strokeWidth", strokeWidth: o, orient: s = "auto-start-reverse" }) => {
	let c = ld(t);
	return c ? (0, b.jsx)("marker", {
		className: "react-flow__arrowhead",
		id: e,
		markerWidth: `${r}`,
		markerHeight: `${i}`,
		viewBox: "-10 -10 20 20",
		markerUnits: a,
		orient: s,
		refX: "0",
		refY: "0",
		children: (0, b.jsx)(c, {
			color: n,
			strokeWidth: o
		})
	}) : null;
}, dd = ({ defaultColor: e, rfId: t }) => {
	let n = Z((e) => e.edges), r = Z((e) => e.defaultEdgeOptions), i = (0, v.useMemo)(() => Ws(n, {
		id: t,
		defaultColor: e,
		defaultMarkerStart: r?.markerStart,
		defaultMarkerEnd: r?.markerEnd
	}), [
		n,
		r,
		t,
		e
	]);
	return i.length ? (0, b.jsx)("svg", {
		className: "react-flow__marker",
		"aria-hidden": "true",
		children: (0, b.jsx)("defs", { children: i.map((e) => (0, b.jsx)(ud, {
			id: e.id,
			type: e.type,
			color: e.color,
			width: e.width,
			height: e.height,
			markerUnits: e.markerUnits,
			strokeWidth: e.strokeWidth,
			orient: e.orient
		}, e.id)) })
	}) : null;
};
dd.displayName = "MarkerDefinitions";
var fd = (0, v.memo)(dd);
function pd({ x: e, y: t, label: n, labelStyle: r, labelShowBg: i = !0, labelBgStyle: a, labelBgPadding: o = [2, 4], labelBgBorderRadius: s = 2, children: c, className: l, ...u }) {
	let [d, f] = (0, v.useState)({
		x: 1,
		y: 0,
		width: 0,
		height: 0
	}), p = x(["react-flow__edge-textwrapper", l]), m = (0, v.useRef)(null);
	return (0, v.useEffect)(() => {
		if (m.current) {
			let e = m.current.getBBox();
			f({
				x: e.x,
				y: e.y,
				width: e.width,
				height: e.height
			});
		}
	}, [n]), n ? (0, b.jsxs)("g", {
		transform: `translate(${e - d.width / 2} ${t - d.height / 2})`,
		className: p,
		visibility: d.width ? "visible" : "hidden",
		...u,
		children: [
			i && (0, b.jsx)("rect", {
				width: d.width + 2 * o[0],
				x: -o[0],
				y: -o[1],
				height: d.height + 2 * o[1],
				className: "react-flow__edge-textbg",
				style: a,
				rx: s,
				ry: s
			}),
			(0, b.jsx)("text", {
				className: "react-flow__edge-text",
				y: d.height / 2,
				dy: "0.3em",
				ref: m,
				style: r,
				children: n
			}),
			c
		]
	}) : null;
}
pd.displayName = "EdgeText";
var md = (0, v.memo)(pd);
function hd({ path: e, labelX: t, labelY: n, label: r, labelStyle: i, labelShowBg: a, labelBgStyle: o, labelBgPadding: s, labelBgBorderRadius: c, interactionWidth: l = 20, ...u }) {
	return (0, b.jsxs)(b.Fragment, { children: [
		(0, b.jsx)("path", {
			...u,
			d: e,
			fill: "none",
			className: x(["react-flow__edge-path", u.className])
		}),
		l ? (0, b.jsx)("path", {
			d: e,
			fill: "none",
			strokeOpacity: 0,
			strokeWidth: l,
			className: "react-flow__edge-interaction"
		}) : null,
		r && Jo(t) && Jo(n) ? (0, b.jsx)(md, {
			x: t,
			y: n,
			label: r,
			labelStyle: i,
			labelShowBg: a,
			labelBgStyle: o,
			labelBgPadding: s,
			labelBgBorderRadius: c
		}) : null
	] });
}
function gd({ pos: e, x1: t, y1: n, x2: r, y2: i }) {
	return e === K.Left || e === K.Right ? [.5 * (t + r), n] : [t, .5 * (n + i)];
}
function _d({ sourceX: e, sourceY: t, sourcePosition: n = K.Bottom, targetX: r, targetY: i, targetPosition: a = K.Top }) {
	let [o, s] = gd({
		pos: n,
		x1: e,
		y1: t,
		x2: r,
		y2: i
	}), [c, l] = gd({
		pos: a,
		x1: r,
		y1: i,
		x2: e,
		y2: t
	}), [u, d, f, p] = bs({
		sourceX: e,
		sourceY: t,
		targetX: r,
		targetY: i,
		sourceControlX: o,
		sourceControlY: s,
		targetControlX: c,
		targetControlY: l
	});
	return [
		`M${e},${t} C${o},${s} ${c},${l} ${r},${i}`,
		u,
		d,
		f,
		p
	];
}
function vd(e) {
	return (0, v.memo)(({ id: t, sourceX: n, sourceY: r, targetX: i, targetY: a, sourcePosition: o, targetPosition: s, label: c, labelStyle: l, labelShowBg: u, labelBgStyle: d, labelBgPadding: f, labelBgBorderRadius: p, style: m, markerEnd: h, markerStart: g, interactionWidth: _ }) => {
		let [v, y, x] = _d({
			sourceX: n,
			sourceY: r,
			sourcePosition: o,
			targetX: i,
			targetY: a,
			targetPosition: s
		}), S = e.isInternal ? void 0 : t;
		return (0, b.jsx)(hd, {
			id: S,
			path: v,
			labelX: y,
			labelY: x,
			label: c,
			labelStyle: l,
			labelShowBg: u,
			labelBgStyle: d,
			labelBgPadding: f,
			labelBgBorderRadius: p,
			style: m,
			markerEnd: h,
			markerStart: g,
			interactionWidth: _
		});
	});
}
var yd = vd({ isInternal: !1 }), bd = vd({ isInternal: !0 });
yd.displayName = "SimpleBezierEdge", bd.displayName = "SimpleBezierEdgeInternal";
function xd(e) {
	return (0, v.memo)(({ id: t, sourceX: n, sourceY: r, targetX: i, targetY: a, label: o, labelStyle: s, labelShowBg: c, labelBgStyle: l, labelBgPadding: u, labelBgBorderRadius: d, style: f, sourcePosition: p = K.Bottom, targetPosition: m = K.Top, markerEnd: h, markerStart: g, pathOptions: _, interactionWidth: v }) => {
		let [y, x, S] = Ls({
			sourceX: n,
			sourceY: r,
			sourcePosition: p,
			targetX: i,
			targetY: a,
			targetPosition: m,
			borderRadius: _?.borderRadius,
			offset: _?.offset,
			stepPosition: _?.stepPosition
		}), C = e.isInternal ? void 0 : t;
		return (0, b.jsx)(hd, {
			id: C,
			path: y,
			labelX: x,
			labelY: S,
			label: o,
			labelStyle: s,
			labelShowBg: c,
			labelBgStyle: l,
			labelBgPadding: u,
			labelBgBorderRadius: d,
			style: f,
			markerEnd: h,
			markerStart: g,
			interactionWidth: v
		});
	});
}
var Sd = xd({ isInternal: !1 }), Cd = xd({ isInternal: !0 });
Sd.displayName = "SmoothStepEdge", Cd.displayName = "SmoothStepEdgeInternal";
function wd(e) {
	return (0, v.memo)(({ id: t, ...n }) => {
		let r = e.isInternal ? void 0 : t;
		return (0, b.jsx)(Sd, {
			...n,
			id: r,
			pathOptions: (0, v.useMemo)(() => ({
				borderRadius: 0,
				offset: n.pathOptions?.offset
			}), [n.pathOptions?.offset])
		});
	});
}
var Td = wd({ isInternal: !1 }), Ed = wd({ isInternal: !0 });
Td.displayName = "StepEdge", Ed.displayName = "StepEdgeInternal";
function Dd(e) {
	return (0, v.memo)(({ id: t, sourceX: n, sourceY: r, targetX: i, targetY: a, label: o, labelStyle: s, labelShowBg: c, labelBgStyle: l, labelBgPadding: u, labelBgBorderRadius: d, style: f, markerEnd: p, markerStart: m, interactionWidth: h }) => {
		let [g, _, v] = As({
			sourceX: n,
			sourceY: r,
			targetX: i,
			targetY: a
		}), y = e.isInternal ? void 0 : t;
		return (0, b.jsx)(hd, {
			id: y,
			path: g,
			labelX: _,
			labelY: v,
			label: o,
			labelStyle: s,
			labelShowBg: c,
			labelBgStyle: l,
			labelBgPadding: u,
			labelBgBorderRadius: d,
			style: f,
			markerEnd: p,
			markerStart: m,
			interactionWidth: h
		});
	});
}
var Od = Dd({ isInternal: !1 }), kd = Dd({ isInternal: !0 });
Od.displayName = "StraightEdge", kd.displayName = "StraightEdgeInternal";
function Ad(e) {
	return (0, v.memo)(({ id: t, sourceX: n, sourceY: r, targetX: i, targetY: a, sourcePosition: o = K.Bottom, targetPosition: s = K.Top, label: c, labelStyle: l, labelShowBg: u, labelBgStyle: d, labelBgPadding: f, labelBgBorderRadius: p, style: m, markerEnd: h, markerStart: g, pathOptions: _, interactionWidth: v }) => {
		let [y, x, S] = Cs({
			sourceX: n,
			sourceY: r,
			sourcePosition: o,
			targetX: i,
			targetY: a,
			targetPosition: s,
			curvature: _?.curvature
		}), C = e.isInternal ? void 0 : t;
		return (0, b.jsx)(hd, {
			id: C,
			path: y,
			labelX: x,
			labelY: S,
			label: c,
			labelStyle: l,
			labelShowBg: u,
			labelBgStyle: d,
			labelBgPadding: f,
			labelBgBorderRadius: p,
			style: m,
			markerEnd: h,
			markerStart: g,
			interactionWidth: v
		});
	});
}
var jd = Ad({ isInternal: !1 }), Md = Ad({ isInternal: !0 });
jd.displayName = "BezierEdge", Md.displayName = "BezierEdgeInternal";
var Nd = {
	default: Md,
	straight: kd,
	step: Ed,
	smoothstep: Cd,
	simplebezier: bd
}, Pd = {
	sourceX: null,
	sourceY: null,
	targetX: null,
	targetY: null,
	sourcePosition: null,
	targetPosition: null,
	zIndex: void 0
}, Fd = (e, t, n) => n === K.Left ? e - t : n === K.Right ? e + t : e, Id = (e, t, n) => n === K.Top ? e - t : n === K.Bottom ? e + t : e, Ld = "react-flow__edgeupdater";
function Rd({ position: e, centerX: t, centerY: n, radius: r = 10, onMouseDown: i, onMouseEnter: a, onMouseOut: o, type: s }) {
	return (0, b.jsx)("circle", {
		onMouseDown: i,
		onMouseEnter: a,
		onMouseOut: o,
		className: x([Ld, `${Ld}-${s}`]),
		cx: Fd(t, r, e),
		cy: Id(n, r, e),
		r,
		stroke: "transparent",
		fill: "transparent"
	});
}
function zd({ isReconnectable: e, reconnectRadius: t, edge: n, sourceX: r, sourceY: i, targetX: a, targetY: o, sourcePosition: s, targetPosition: c, onReconnect: l, onReconnectStart: u, onReconnectEnd: d, setReconnecting: f, setUpdateHover: p }) {
	let m = Q(), h = (e, t) => {
		if (e.button !== 0) return;
		let { autoPanOnConnect: r, domNode: i, connectionMode: a, connectionRadius: o, lib: s, onConnectStart: c, cancelConnection: p, nodeLookup: h, rfId: g, panBy: _, updateConnection: v } = m.getState(), y = t.type === "target";
		Cc.onPointerDown(e.nativeEvent, {
			autoPanOnConnect: r,
			connectionMode: a,
			connectionRadius: o,
			domNode: i,
			handleId: t.id,
			nodeId: t.nodeId,
			nodeLookup: h,
			isTarget: y,
			edgeUpdaterType: t.type,
			lib: s,
			flowId: g,
			cancelConnection: p,
			panBy: _,
			isValidConnection: (...e) => m.getState().isValidConnection?.(...e) ?? !0,
			onConnect: (e) => l?.(n, e),
			onConnectStart: (r, i) => {
				f(!0), u?.(e, n, t.type), c?.(r, i);
			},
			onConnectEnd: (...e) => m.getState().onConnectEnd?.(...e),
			onReconnectEnd: (e, r) => {
				f(!1), d?.(e, n, t.type, r);
			},
			updateConnection: v,
			getTransform: () => m.getState().transform,
			getFromHandle: () => m.getState().connection.fromHandle,
			dragThreshold: m.getState().connectionDragThreshold,
			handleDomNode: e.currentTarget
		});
	}, g = (e) => h(e, {
		nodeId: n.target,
		id: n.targetHandle ?? null,
		type: "target"
	}), _ = (e) => h(e, {
		nodeId: n.source,
		id: n.sourceHandle ?? null,
		type: "source"
	}), v = () => p(!0), y = () => p(!1);
	return (0, b.jsxs)(b.Fragment, { children: [(e === !0 || e === "source") && (0, b.jsx)(Rd, {
		position: s,
		centerX: r,
		centerY: i,
		radius: t,
		onMouseDown: g,
		onMouseEnter: v,
		onMouseOut: y,
		type: "source"
	}), (e === !0 || e === "target") && (0, b.jsx)(Rd, {
		position: c,
		centerX: a,
		centerY: o,
		radius: t,
		onMouseDown: _,
		onMouseEnter: v,
		onMouseOut: y,
		type: "target"
	})] });
}
function Bd({ id: e, edgesFocusable: t, edgesReconnectable: n, elementsSelectable: r, onClick: i, onDoubleClick: a, onContextMenu: o, onMouseEnter: s, onMouseMove: c, onMouseLeave: l, reconnectRadius: u, onReconnect: d, onReconnectStart: f, onReconnectEnd: p, rfId: m, edgeTypes: h, noPanClassName: g, onError: _, disableKeyboardA11y: y }) {
	let S = Z((t) => t.edgeLookup.get(e)), C = Z((e) => e.defaultEdgeOptions);
	S = C ? {
		...C,
		...S
	} : S;
	let w = S.type || "default", T = h?.[w] || Nd[w];
	T === void 0 && (_?.("011", po.error011(w)), w = "default", T = h?.default || Nd.default);
	let E = !!(S.focusable || t && S.focusable === void 0), D = d !== void 0 && (S.reconnectable || n && S.reconnectable === void 0), O = !!(S.selectable || r && S.selectable === void 0), k = (0, v.useRef)(null), [A, j] = (0, v.useState)(!1), [M, N] = (0, v.useState)(!1), P = Q(), { zIndex: F = S.zIndex, sourceX: ee, sourceY: te, targetX: ne, targetY: I, sourcePosition: L, targetPosition: R } = Z((0, v.useCallback)((t) => {
		let n = t.nodeLookup.get(S.source), r = t.nodeLookup.get(S.target);
		if (!n || !r) return Pd;
		let i = zs({
			id: e,
			sourceNode: n,
			targetNode: r,
			sourceHandle: S.sourceHandle || null,
			targetHandle: S.targetHandle || null,
			connectionMode: t.connectionMode,
			onError: _
		}), a = Ts({
			selected: S.selected,
			zIndex: S.zIndex,
			sourceNode: n,
			targetNode: r,
			elevateOnSelect: t.elevateEdgesOnSelect,
			zIndexMode: t.zIndexMode
		});
		return {
			...i || Pd,
			zIndex: a
		};
	}, [
		S.source,
		S.target,
		S.sourceHandle,
		S.targetHandle,
		S.selected,
		S.zIndex,
		_
	]), X), z = (0, v.useMemo)(() => S.markerStart ? `url('#${Us(S.markerStart, m)}')` : void 0, [S.markerStart, m]), re = (0, v.useMemo)(() => S.markerEnd ? `url('#${Us(S.markerEnd, m)}')` : void 0, [S.markerEnd, m]);
	if (S.hidden || ee === null || te === null || ne === null || I === null) return null;
	let ie = (t) => {
		let { addSelectedEdges: n, unselectNodesAndEdges: r, multiSelectionActive: a } = P.getState();
		O && (P.setState({ nodesSelectionActive: !1 }), S.selected && a ? (r({
			nodes: [],
			edges: [S]
		}), k.current?.blur()) : n([e])), i && i(t, S);
	}, ae = a ? (e) => {
		a(e, { ...S });
	} : void 0, oe = o ? (e) => {
		o(e, { ...S });
	} : void 0, se = s ? (e) => {
		s(e, { ...S });
	} : void 0, ce = c ? (e) => {
		c(e, { ...S });
	} : void 0, le = l ? (e) => {
		l(e, { ...S });
	} : void 0;
	return (0, b.jsx)("svg", {
		style: { zIndex: F },
		children: (0, b.jsxs)("g", {
			className: x([
				"react-flow__edge",
				`react-flow__edge-${w}`,
				S.className,
				g,
				{
					selected: S.selected,
					animated: S.animated,
					inactive: !O && !i,
					updating: A,
					selectable: O
				}
			]),
			onClick: ie,
			onDoubleClick: ae,
			onContextMenu: oe,
			onMouseEnter: se,
			onMouseMove: ce,
			onMouseLeave: le,
			onKeyDown: E ? (t) => {
				if (!y && ho.includes(t.key) && O) {
					let { unselectNodesAndEdges: n, addSelectedEdges: r } = P.getState();
					t.key === "Escape" ? (k.current?.blur(), n({ edges: [S] })) : r([e]);
				}
			} : void 0,
			tabIndex: E ? 0 : void 0,
			role: S.ariaRole ?? (E ? "group" : "img"),
			"aria-roledescription": "edge",
			"data-id": e,
			"data-testid": `rf__edge-${e}`,
			"aria-label": S.ariaLabel === null ? void 0 : S.ariaLabel || `Edge from ${S.source} to ${S.target}`,
			"aria-describedby": E ? `${hl}-${m}` : void 0,
			ref: k,
			...S.domAttributes,
			children: [!M && (0, b.jsx)(T, {
				id: e,
				source: S.source,
				target: S.target,
				type: S.type,
				selected: S.selected,
				animated: S.animated,
				selectable: O,
				deletable: S.deletable ?? !0,
				label: S.label,
				labelStyle: S.labelStyle,
				labelShowBg: S.labelShowBg,
				labelBgStyle: S.labelBgStyle,
				labelBgPadding: S.labelBgPadding,
				labelBgBorderRadius: S.labelBgBorderRadius,
				sourceX: ee,
				sourceY: te,
				targetX: ne,
				targetY: I,
				sourcePosition: L,
				targetPosition: R,
				data: S.data,
				style: S.style,
				sourceHandleId: S.sourceHandle,
				targetHandleId: S.targetHandle,
				markerStart: z,
				markerEnd: re,
				pathOptions: "pathOptions" in S ? S.pathOptions : void 0,
				interactionWidth: S.interactionWidth
			}), D && (0, b.jsx)(zd, {
				edge: S,
				isReconnectable: D,
				reconnectRadius: u,
				onReconnect: d,
				onReconnectStart: f,
				onReconnectEnd: p,
				sourceX: ee,
				sourceY: te,
				targetX: ne,
				targetY: I,
				sourcePosition: L,
				targetPosition: R,
				setUpdateHover: j,
				setReconnecting: N
			})]
		})
	});
}
var Vd = (0, v.memo)(Bd), Hd = (e) => ({
	edgesFocusable: e.edgesFocusable,
	edgesReconnectable: e.edgesReconnectable,
	elementsSelectable: e.elementsSelectable,
	connectionMode: e.connectionMode,
	onError: e.onError
});
function Ud({ defaultMarkerColor: e, onlyRenderVisibleElements: t, rfId: n, edgeTypes: r, noPanClassName: i, onReconnect: a, onEdgeContextMenu: o, onEdgeMouseEnter: s, onEdgeMouseMove: c, onEdgeMouseLeave: l, onEdgeClick: u, reconnectRadius: d, onEdgeDoubleClick: f, onReconnectStart: p, onReconnectEnd: m, disableKeyboardA11y: h }) {
	let { edgesFocusable: g, edgesReconnectable: _, elementsSelectable: v, onError: y } = Z(Hd, X), x = ad(t);
	return (0, b.jsxs)("div", {
		className: "react-flow__edges",
		children: [(0, b.jsx)(fd, {
			defaultColor: e,
			rfId: n
		}), x.map((e) => (0, b.jsx)(Vd, {
			id: e,
			edgesFocusable: g,
			edgesReconnectable: _,
			elementsSelectable: v,
			noPanClassName: i,
			onReconnect: a,
			onContextMenu: o,
			onMouseEnter: s,
			onMouseMove: c,
			onMouseLeave: l,
			onClick: u,
			reconnectRadius: d,
			onDoubleClick: f,
			onReconnectStart: p,
			onReconnectEnd: m,
			rfId: n,
			onError: y,
			edgeTypes: r,
			disableKeyboardA11y: h
		}, e))]
	});
}
Ud.displayName = "EdgeRenderer";
var Wd = (0, v.memo)(Ud), Gd = (e) => `translate(${e[0]}px,${e[1]}px) scale(${e[2]})`;
function Kd({ children: e }) {
	let t = Q(), n = (0, v.useRef)(null), [r] = (0, v.useState)(() => t.getState().transform);
	return tu(() => {
		let e = null, r = () => {
			let r = t.getState().transform;
			e && r[0] === e[0] && r[1] === e[1] && r[2] === e[2] || (e = r, n.current && (n.current.style.transform = Gd(r)));
		};
		return r(), t.subscribe(r);
	}, [t]), (0, b.jsx)("div", {
		ref: n,
		className: "react-flow__viewport xyflow__viewport react-flow__container",
		style: { transform: Gd(r) },
		children: e
	});
}
function qd(e) {
	let t = cu(), n = (0, v.useRef)(!1);
	(0, v.useEffect)(() => {
		!n.current && t.viewportInitialized && e && (setTimeout(() => e(t), 1), n.current = !0);
	}, [e, t.viewportInitialized]);
}
var Jd = (e) => e.panZoom?.syncViewport;
function Yd(e) {
	let t = Z(Jd), n = Q();
	return (0, v.useEffect)(() => {
		e && (t?.(e), n.setState({ transform: [
			e.x,
			e.y,
			e.zoom
		] }));
	}, [e, t]), null;
}
function Xd(e) {
	return e.connection.inProgress ? {
		...e.connection,
		to: Zo(e.connection.to, e.transform)
	} : { ...e.connection };
}
function Zd(e) {
	return e ? (t) => e(Xd(t)) : Xd;
}
function Qd(e) {
	return Z(Zd(e), X);
}
var $d = (e) => ({
	nodesConnectable: e.nodesConnectable,
	isValid: e.connection.isValid,
	inProgress: e.connection.inProgress,
	width: e.width,
	height: e.height
});
function ef({ containerStyle: e, style: t, type: n, component: r }) {
	let { nodesConnectable: i, width: a, height: o, isValid: s, inProgress: c } = Z($d, X);
	return a && i && c ? (0, b.jsx)("svg", {
		style: e,
		width: a,
		height: o,
		className: "react-flow__connectionline react-flow__container",
		children: (0, b.jsx)("g", {
			className: x(["react-flow__connection", ds(s)]),
			children: (0, b.jsx)(tf, {
				style: t,
				type: n,
				CustomComponent: r,
				isValid: s
			})
		})
	}) : null;
}
var tf = ({ style: e, type: t = bo.Bezier, CustomComponent: n, isValid: r }) => {
	let { inProgress: i, from: a, fromNode: o, fromHandle: s, fromPosition: c, to: l, toNode: u, toHandle: d, toPosition: f, pointer: p } = Qd();
	if (!i) return;
	if (n) return (0, b.jsx)(n, {
		connectionLineType: t,
		connectionLineStyle: e,
		fromNode: o,
		fromHandle: s,
		fromX: a.x,
		fromY: a.y,
		toX: l.x,
		toY: l.y,
		fromPosition: c,
		toPosition: f,
		connectionStatus: ds(r),
		toNode: u,
		toHandle: d,
		pointer: p
	});
	let m = "", h = {
		sourceX: a.x,
		sourceY: a.y,
		sourcePosition: c,
		targetX: l.x,
		targetY: l.y,
		targetPosition: f
	};
	switch (t) {
		case bo.Bezier:
			[m] = Cs(h);
			break;
		case bo.SimpleBezier:
			[m] = _d(h);
			break;
		case bo.Step:
			[m] = Ls({
				...h,
				borderRadius: 0
			});
			break;
		case bo.SmoothStep:
			[m] = Ls(h);
			break;
		default: [m] = As(h);
	}
	return (0, b.jsx)("path", {
		d: m,
		fill: "none",
		className: "react-flow__connection-path",
		style: e
	});
};
tf.displayName = "ConnectionLine";
var nf = {};
function rf(e = nf) {
	(0, v.useRef)(e), Q(), (0, v.useEffect)(() => {}, [e]);
}
function af() {
	Q(), (0, v.useRef)(!1), (0, v.useEffect)(() => {}, []);
}
function of({ nodeTypes: e, edgeTypes: t, onInit: n, onNodeClick: r, onEdgeClick: i, onNodeDoubleClick: a, onEdgeDoubleClick: o, onNodeMouseEnter: s, onNodeMouseMove: c, onNodeMouseLeave: l, onNodeContextMenu: u, onSelectionContextMenu: d, onSelectionStart: f, onSelectionEnd: p, connectionLineType: m, connectionLineStyle: h, connectionLineComponent: g, connectionLineContainerStyle: _, selectionKeyCode: v, selectionOnDrag: y, selectionMode: x, multiSelectionKeyCode: S, panActivationKeyCode: C, zoomActivationKeyCode: w, deleteKeyCode: T, onlyRenderVisibleElements: E, elementsSelectable: D, defaultViewport: O, translateExtent: k, minZoom: A, maxZoom: j, preventScrolling: M, defaultMarkerColor: N, zoomOnScroll: P, zoomOnPinch: F, panOnScroll: ee, panOnScrollSpeed: te, panOnScrollMode: ne, zoomOnDoubleClick: I, panOnDrag: L, autoPanOnSelection: R, onPaneClick: z, onPaneMouseEnter: re, onPaneMouseMove: ie, onPaneMouseLeave: ae, onPaneScroll: oe, onPaneContextMenu: se, paneClickDistance: ce, nodeClickDistance: le, onEdgeContextMenu: ue, onEdgeMouseEnter: de, onEdgeMouseMove: fe, onEdgeMouseLeave: pe, reconnectRadius: me, onReconnect: he, onReconnectStart: ge, onReconnectEnd: _e, noDragClassName: ve, noWheelClassName: ye, noPanClassName: be, disableKeyboardA11y: xe, nodeExtent: Se, rfId: Ce, viewport: we, onViewportChange: Te, nodesDraggable: Ee }) {
	return rf(e), rf(t), af(), qd(n), Yd(we), (0, b.jsx)(Ju, {
		onPaneClick: z,
		onPaneMouseEnter: re,
		onPaneMouseMove: ie,
		onPaneMouseLeave: ae,
		onPaneContextMenu: se,
		onPaneScroll: oe,
		paneClickDistance: ce,
		deleteKeyCode: T,
		selectionKeyCode: v,
		selectionOnDrag: y,
		selectionMode: x,
		onSelectionStart: f,
		onSelectionEnd: p,
		multiSelectionKeyCode: S,
		panActivationKeyCode: C,
		zoomActivationKeyCode: w,
		elementsSelectable: D,
		zoomOnScroll: P,
		zoomOnPinch: F,
		zoomOnDoubleClick: I,
		panOnScroll: ee,
		panOnScrollSpeed: te,
		panOnScrollMode: ne,
		panOnDrag: L,
		autoPanOnSelection: R,
		defaultViewport: O,
		translateExtent: k,
		minZoom: A,
		maxZoom: j,
		onSelectionContextMenu: d,
		preventScrolling: M,
		noDragClassName: ve,
		noWheelClassName: ye,
		noPanClassName: be,
		disableKeyboardA11y: xe,
		onViewportChange: Te,
		isControlledViewport: !!we,
		children: (0, b.jsxs)(Kd, { children: [
			(0, b.jsx)(Wd, {
				edgeTypes: t,
				onEdgeClick: i,
				onEdgeDoubleClick: o,
				onReconnect: he,
				onReconnectStart: ge,
				onReconnectEnd: _e,
				onlyRenderVisibleElements: E,
				onEdgeContextMenu: ue,
				onEdgeMouseEnter: de,
				onEdgeMouseMove: fe,
				onEdgeMouseLeave: pe,
				reconnectRadius: me,
				defaultMarkerColor: N,
				noPanClassName: be,
				disableKeyboardA11y: xe,
				rfId: Ce
			}),
			(0, b.jsx)(ef, {
				style: h,
				type: m,
				component: g,
				containerStyle: _
			}),
			(0, b.jsx)("div", { className: "react-flow__edgelabel-renderer" }),
			(0, b.jsx)(id, {
				nodeTypes: e,
				onNodeClick: r,
				onNodeDoubleClick: a,
				onNodeMouseEnter: s,
				onNodeMouseMove: c,
				onNodeMouseLeave: l,
				onNodeContextMenu: u,
				nodeClickDistance: le,
				onlyRenderVisibleElements: E,
				noPanClassName: be,
				noDragClassName: ve,
				disableKeyboardA11y: xe,
				nodeExtent: Se,
				rfId: Ce,
				nodesDraggable: Ee
			}),
			(0, b.jsx)("div", { className: "react-flow__viewport-portal" })
		] })
	});
}
of.displayName = "GraphView";
var sf = (0, v.memo)(of), cf = Yo("React Flow", "https://reactflow.dev/"), lf = ({ nodes: e, edges: t, defaultNodes: n, defaultEdges: r, width: i, height: a, fitView: o, fitViewOptions: s, minZoom: c = .5, maxZoom: l = 2, nodeOrigin: u, nodeExtent: d, zIndexMode: f = "basic" } = {}) => {
	let p = /* @__PURE__ */ new Map(), m = /* @__PURE__ */ new Map(), h = /* @__PURE__ */ new Map(), g = /* @__PURE__ */ new Map(), _ = r ?? t ?? [], v = n ?? e ?? [], y = u ?? [0, 0], b = d ?? mo;
	cc(h, g, _);
	let { nodesInitialized: x } = $s(v, p, m, {
		nodeOrigin: y,
		nodeExtent: b,
		zIndexMode: f
	}), S = [
		0,
		0,
		1
	];
	if (o && i && a) {
		let { x: e, y: t, zoom: n } = ns(Do(p, { filter: (e) => !(!e.width && !e.initialWidth || !e.height && !e.initialHeight) }), i, a, c, l, s?.padding ?? .1);
		S = [
			e,
			t,
			n
		];
	}
	return {
		rfId: "1",
		width: i ?? 0,
		height: a ?? 0,
		transform: S,
		nodes: v,
		nodesInitialized: x,
		nodeLookup: p,
		parentLookup: m,
		edges: _,
		edgeLookup: g,
		connectionLookup: h,
		onNodesChange: null,
		onEdgesChange: null,
		hasDefaultNodes: n !== void 0,
		hasDefaultEdges: r !== void 0,
		panZoom: null,
		minZoom: c,
		maxZoom: l,
		translateExtent: mo,
		nodeExtent: b,
		nodesSelectionActive: !1,
		userSelectionActive: !1,
		userSelectionRect: null,
		connectionMode: _o.Strict,
		domNode: null,
		paneDragging: !1,
		noPanClassName: "nopan",
		nodeOrigin: y,
		nodeDragThreshold: 1,
		connectionDragThreshold: 1,
		snapGrid: [15, 15],
		snapToGrid: !1,
		nodesDraggable: !0,
		nodesConnectable: !0,
		nodesFocusable: !0,
		edgesFocusable: !0,
		edgesReconnectable: !0,
		elementsSelectable: !0,
		elevateNodesOnSelect: !0,
		elevateEdgesOnSelect: !0,
		selectNodesOnDrag: !0,
		multiSelectionActive: !1,
		fitViewQueued: o ?? !1,
		fitViewOptions: s,
		fitViewResolver: null,
		connection: { ...G },
		connectionClickStartHandle: null,
		connectOnClick: !0,
		ariaLiveMessage: "",
		autoPanOnConnect: !0,
		autoPanOnNodeDrag: !0,
		autoPanOnNodeFocus: !0,
		autoPanSpeed: 15,
		connectionRadius: 20,
		onError: cf,
		isValidConnection: void 0,
		onSelectionChangeHandlers: [],
		lib: "react",
		debug: !1,
		ariaLabelConfig: go,
		zIndexMode: f,
		defaultEdgeOptions: void 0,
		onNodesChangeMiddlewareMap: /* @__PURE__ */ new Map(),
		onEdgesChangeMiddlewareMap: /* @__PURE__ */ new Map(),
		onNodesDelete: void 0,
		onEdgesDelete: void 0,
		onDelete: void 0,
		onBeforeDelete: void 0,
		onViewportChangeStart: void 0,
		onViewportChange: void 0,
		onViewportChangeEnd: void 0,
		onNodeDragStart: void 0,
		onNodeDrag: void 0,
		onNodeDragStop: void 0,
		onSelectionDragStart: void 0,
		onSelectionDrag: void 0,
		onSelectionDragStop: void 0,
		onMoveStart: void 0,
		onMove: void 0,
		onMoveEnd: void 0,
		onConnect: void 0,
		onConnectStart: void 0,
		onConnectEnd: void 0,
		onClickConnectStart: void 0,
		onClickConnectEnd: void 0
	};
}, uf = ({ nodes: e, edges: t, defaultNodes: n, defaultEdges: r, width: i, height: a, fitView: o, fitViewOptions: s, minZoom: c, maxZoom: l, nodeOrigin: u, nodeExtent: d, zIndexMode: f }) => sl((p, m) => {
	async function h() {
		let { nodeLookup: e, panZoom: t, fitViewOptions: n, fitViewResolver: r, width: i, height: a, minZoom: o, maxZoom: s } = m();
		t && (await jo({
			nodes: e,
			width: i,
			height: a,
			panZoom: t,
			minZoom: o,
			maxZoom: s
		}, n), r?.resolve(!0), p({ fitViewResolver: null }));
	}
	return {
		...lf({
			nodes: e,
			edges: t,
			width: i,
			height: a,
			fitView: o,
			fitViewOptions: s,
			minZoom: c,
			maxZoom: l,
			nodeOrigin: u,
			nodeExtent: d,
			defaultNodes: n,
			defaultEdges: r,
			zIndexMode: f
		}),
		setNodes: (e) => {
			let { nodeLookup: t, parentLookup: n, nodeOrigin: r, nodeExtent: i, elevateNodesOnSelect: a, fitViewQueued: o, zIndexMode: s, nodesSelectionActive: c } = m(), { nodesInitialized: l, hasSelectedNodes: u } = $s(e, t, n, {
				nodeOrigin: r,
				nodeExtent: i,
				elevateNodesOnSelect: a,
				checkEquality: !0,
				zIndexMode: s
			}), d = c && u;
			o && l ? (h(), p({
				nodes: e,
				nodesInitialized: l,
				fitViewQueued: !1,
				fitViewOptions: void 0,
				nodesSelectionActive: d
			})) : p({
				nodes: e,
				nodesInitialized: l,
				nodesSelectionActive: d
			});
		},
		setEdges: (e) => {
			let { connectionLookup: t, edgeLookup: n } = m();
			cc(t, n, e), p({ edges: e });
		},
		setDefaultNodesAndEdges: (e, t) => {
			if (e) {
				let { setNodes: t } = m();
				t(e), p({ hasDefaultNodes: !0 });
			}
			if (t) {
				let { setEdges: e } = m();
				e(t), p({ hasDefaultEdges: !0 });
			}
		},
		updateNodeInternals: (e) => {
			let { triggerNodeChanges: t, nodeLookup: n, parentLookup: r, domNode: i, nodeOrigin: a, nodeExtent: o, debug: s, fitViewQueued: c, zIndexMode: l } = m(), { changes: u, updatedInternals: d } = ac(e, n, r, i, a, o, l);
			d && (Xs(n, r, {
				nodeOrigin: a,
				nodeExtent: o,
				zIndexMode: l
			}), c ? (h(), p({
				fitViewQueued: !1,
				fitViewOptions: void 0
			})) : p({}), u?.length > 0 && (s && console.log("React Flow: trigger node changes", u), t?.(u)));
		},
		updateNodePositions: (e, t = !1) => {
			let n = [], r = [], { nodeLookup: i, triggerNodeChanges: a, connection: o, updateConnection: s, onNodesChangeMiddlewareMap: c } = m();
			for (let [a, c] of e) {
				let e = i.get(a), l = !!(e?.expandParent && e?.parentId && c?.position), u = {
					id: a,
					type: "position",
					position: l ? {
						x: Math.max(0, c.position.x),
						y: Math.max(0, c.position.y)
					} : c.position,
					dragging: t
				};
				if (e && o.inProgress && o.fromNode.id === e.id) {
					let t = Vs(e, o.fromHandle, K.Left, !0);
					s({
						...o,
						from: t
					});
				}
				l && e.parentId && n.push({
					id: a,
					parentId: e.parentId,
					rect: {
						...c.internals.positionAbsolute,
						width: c.measured.width ?? 0,
						height: c.measured.height ?? 0
					}
				}), r.push(u);
			}
			if (n.length > 0) {
				let { parentLookup: e, nodeOrigin: t } = m(), a = ic(n, i, e, t);
				r.push(...a);
			}
			for (let e of c.values()) r = e(r);
			a(r);
		},
		triggerNodeChanges: (e) => {
			let { onNodesChange: t, setNodes: n, nodes: r, hasDefaultNodes: i, debug: a } = m();
			e?.length && (i && n(Wl(e, r)), a && console.log("React Flow: trigger node changes", e), t?.(e));
		},
		triggerEdgeChanges: (e) => {
			let { onEdgesChange: t, setEdges: n, edges: r, hasDefaultEdges: i, debug: a } = m();
			e?.length && (i && n(Gl(e, r)), a && console.log("React Flow: trigger edge changes", e), t?.(e));
		},
		addSelectedNodes: (e) => {
			let { multiSelectionActive: t, edgeLookup: n, nodeLookup: r, triggerNodeChanges: i, triggerEdgeChanges: a } = m();
			t ? i(e.map((e) => Kl(e, !0))) : (i(ql(r, /* @__PURE__ */ new Set([...e]))), a(ql(n)));
		},
		addSelectedEdges: (e) => {
			let { multiSelectionActive: t, edgeLookup: n, nodeLookup: r, triggerNodeChanges: i, triggerEdgeChanges: a } = m();
			t ? a(e.map((e) => Kl(e, !0))) : (a(ql(n, /* @__PURE__ */ new Set([...e]))), i(ql(r, /* @__PURE__ */ new Set())));
		},
		unselectNodesAndEdges: ({ nodes: e, edges: t } = {}) => {
			let { edges: n, nodes: r, nodeLookup: i, triggerNodeChanges: a, triggerEdgeChanges: o } = m(), s = e || r, c = t || n, l = [];
			for (let e of s) e.selected && l.push(Kl(e.id, !1));
			let u = [];
			for (let e of c) e.selected && u.push(Kl(e.id, !1));
			a(l), o(u);
		},
		setMinZoom: (e) => {
			let { panZoom: t, maxZoom: n } = m();
			t?.setScaleExtent([e, n]), p({ minZoom: e });
		},
		setMaxZoom: (e) => {
			let { panZoom: t, minZoom: n } = m();
			t?.setScaleExtent([n, e]), p({ maxZoom: e });
		},
		setTranslateExtent: (e) => {
			m().panZoom?.setTranslateExtent(e), p({ translateExtent: e });
		},
		resetSelectedElements: () => {
			let { edges: e, nodes: t, triggerNodeChanges: n, triggerEdgeChanges: r, elementsSelectable: i } = m();
			if (!i) return;
			let a = t.reduce((e, t) => t.selected ? [...e, Kl(t.id, !1)] : e, []), o = e.reduce((e, t) => t.selected ? [...e, Kl(t.id, !1)] : e, []);
			n(a), r(o);
		},
		setNodeExtent: (e) => {
			let { nodes: t, nodeLookup: n, parentLookup: r, nodeOrigin: i, elevateNodesOnSelect: a, nodeExtent: o, zIndexMode: s } = m();
			(e[0][0] !== o[0][0] || e[0][1] !== o[0][1] || e[1][0] !== o[1][0] || e[1][1] !== o[1][1]) && ($s(t, n, r, {
				nodeOrigin: i,
				nodeExtent: e,
				elevateNodesOnSelect: a,
				checkEquality: !1,
				zIndexMode: s
			}), p({ nodeExtent: e }));
		},
		panBy: (e) => {
			let { transform: t, width: n, height: r, panZoom: i, translateExtent: a } = m();
			return oc({
				delta: e,
				panZoom: i,
				transform: t,
				translateExtent: a,
				width: n,
				height: r
			});
		},
		setCenter: async (e, t, n) => {
			let { width: r, height: i, maxZoom: a, panZoom: o } = m();
			if (!o) return !1;
			let s = n?.zoom === void 0 ? a : n.zoom;
			return await o.setViewport({
				x: r / 2 - e * s,
				y: i / 2 - t * s,
				zoom: s
			}, {
				duration: n?.duration,
				ease: n?.ease,
				interpolate: n?.interpolate
			}), !0;
		},
		cancelConnection: () => {
			p({ connection: { ...G } });
		},
		updateConnection: (e) => {
			p({ connection: e });
		},
		reset: () => p({ ...lf() })
	};
}, Object.is);
function df({ initialNodes: e, initialEdges: t, defaultNodes: n, defaultEdges: r, initialWidth: i, initialHeight: a, initialMinZoom: o, initialMaxZoom: s, initialFitViewOptions: c, fitView: l, nodeOrigin: u, nodeExtent: d, zIndexMode: f, children: p }) {
	let [m] = (0, v.useState)(() => uf({
		nodes: e,
		edges: t,
		defaultNodes: n,
		defaultEdges: r,
		width: i,
		height: a,
		fitView: l,
		minZoom: o,
		maxZoom: s,
		fitViewOptions: c,
		nodeOrigin: u,
		nodeExtent: d,
		zIndexMode: f
	}));
	return (0, b.jsx)(ul, {
		value: m,
		children: (0, b.jsx)(au, { children: (0, b.jsx)(Au, { children: p }) })
	});
}
function ff({ children: e, nodes: t, edges: n, defaultNodes: r, defaultEdges: i, width: a, height: o, fitView: s, fitViewOptions: c, minZoom: l, maxZoom: u, nodeOrigin: d, nodeExtent: f, zIndexMode: p }) {
	return (0, v.useContext)(ll) ? (0, b.jsx)(b.Fragment, { children: e }) : (0, b.jsx)(df, {
		initialNodes: t,
		initialEdges: n,
		defaultNodes: r,
		defaultEdges: i,
		initialWidth: a,
		initialHeight: o,
		fitView: s,
		initialFitViewOptions: c,
		initialMinZoom: l,
		initialMaxZoom: u,
		nodeOrigin: d,
		nodeExtent: f,
		zIndexMode: p,
		children: e
	});
}
var pf = {
	width: "100%",
	height: "100%",
	overflow: "hidden",
	position: "relative",
	zIndex: 0
};
function mf({ nodes: e, edges: t, defaultNodes: n, defaultEdges: r, className: i, nodeTypes: a, edgeTypes: o, onNodeClick: s, onEdgeClick: c, onInit: l, onMove: u, onMoveStart: d, onMoveEnd: f, onConnect: p, onConnectStart: m, onConnectEnd: h, onClickConnectStart: g, onClickConnectEnd: _, onNodeMouseEnter: y, onNodeMouseMove: S, onNodeMouseLeave: C, onNodeContextMenu: w, onNodeDoubleClick: T, onNodeDragStart: E, onNodeDrag: D, onNodeDragStop: O, onNodesDelete: k, onEdgesDelete: A, onDelete: j, onSelectionChange: M, onSelectionDragStart: N, onSelectionDrag: P, onSelectionDragStop: F, onSelectionContextMenu: ee, onSelectionStart: te, onSelectionEnd: ne, onBeforeDelete: I, connectionMode: L, connectionLineType: R = bo.Bezier, connectionLineStyle: z, connectionLineComponent: re, connectionLineContainerStyle: ie, deleteKeyCode: ae = "Backspace", selectionKeyCode: oe = "Shift", selectionOnDrag: se = !1, selectionMode: ce = yo.Full, panActivationKeyCode: le = "Space", multiSelectionKeyCode: ue = rs() ? "Meta" : "Control", zoomActivationKeyCode: de = rs() ? "Meta" : "Control", snapToGrid: fe, snapGrid: pe, onlyRenderVisibleElements: me = !1, selectNodesOnDrag: he, nodesDraggable: ge, autoPanOnNodeFocus: _e, nodesConnectable: ve, nodesFocusable: ye, nodeOrigin: be = Al, edgesFocusable: xe, edgesReconnectable: Se, elementsSelectable: Ce = !0, defaultViewport: we = jl, minZoom: Te = .5, maxZoom: Ee = 2, translateExtent: De = mo, preventScrolling: Oe = !0, nodeExtent: ke, defaultMarkerColor: Ae = "#b1b1b7", zoomOnScroll: je = !0, zoomOnPinch: Me = !0, panOnScroll: Ne = !1, panOnScrollSpeed: Pe = .5, panOnScrollMode: Fe = vo.Free, zoomOnDoubleClick: Ie = !0, panOnDrag: Le = !0, onPaneClick: Re, onPaneMouseEnter: ze, onPaneMouseMove: Be, onPaneMouseLeave: Ve, onPaneScroll: He, onPaneContextMenu: Ue, paneClickDistance: We = 1, nodeClickDistance: Ge = 0, children: Ke, onReconnect: qe, onReconnectStart: Je, onReconnectEnd: Ye, onEdgeContextMenu: Xe, onEdgeDoubleClick: Ze, onEdgeMouseEnter: Qe, onEdgeMouseMove: $e, onEdgeMouseLeave: et, reconnectRadius: tt = 10, onNodesChange: nt, onEdgesChange: rt, noDragClassName: it = "nodrag", noWheelClassName: at = "nowheel", noPanClassName: ot = "nopan", fitView: st, fitViewOptions: ct, connectOnClick: lt, attributionPosition: ut, proOptions: dt, defaultEdgeOptions: ft, elevateNodesOnSelect: pt = !0, elevateEdgesOnSelect: mt = !1, disableKeyboardA11y: ht = !1, autoPanOnConnect: gt, autoPanOnNodeDrag: _t, autoPanOnSelection: vt = !0, autoPanSpeed: yt, connectionRadius: bt, isValidConnection: xt, onError: St, style: Ct, id: wt, nodeDragThreshold: Tt, connectionDragThreshold: Et, viewport: Dt, onViewportChange: Ot, width: kt, height: At, colorMode: jt = "light", debug: Mt, onScroll: Nt, ariaLabelConfig: Pt, zIndexMode: Ft = "basic", ...It }, Lt) {
	let Rt = wt || "1", zt = Ll(jt), Bt = (0, v.useCallback)((e) => {
		e.currentTarget.scrollTo({
			top: 0,
			left: 0,
			behavior: "instant"
		}), Nt?.(e);
	}, [Nt]);
	return (0, b.jsx)("div", {
		"data-testid": "rf__wrapper",
		...It,
		onScroll: Bt,
		style: {
			...Ct,
			...pf
		},
		ref: Lt,
		className: x([
			"react-flow",
			i,
			zt
		]),
		id: wt,
		role: "application",
		children: (0, b.jsxs)(ff, {
			nodes: e,
			edges: t,
			width: kt,
			height: At,
			fitView: st,
			fitViewOptions: ct,
			minZoom: Te,
			maxZoom: Ee,
			nodeOrigin: be,
			nodeExtent: ke,
			zIndexMode: Ft,
			children: [
				(0, b.jsx)(Fl, {
					nodes: e,
					edges: t,
					defaultNodes: n,
					defaultEdges: r,
					onConnect: p,
					onConnectStart: m,
					onConnectEnd: h,
					onClickConnectStart: g,
					onClickConnectEnd: _,
					nodesDraggable: ge,
					autoPanOnNodeFocus: _e,
					nodesConnectable: ve,
					nodesFocusable: ye,
					edgesFocusable: xe,
					edgesReconnectable: Se,
					elementsSelectable: Ce,
					elevateNodesOnSelect: pt,
					elevateEdgesOnSelect: mt,
					minZoom: Te,
					maxZoom: Ee,
					nodeExtent: ke,
					onNodesChange: nt,
					onEdgesChange: rt,
					snapToGrid: fe,
					snapGrid: pe,
					connectionMode: L,
					translateExtent: De,
					connectOnClick: lt,
					defaultEdgeOptions: ft,
					fitView: st,
					fitViewOptions: ct,
					onNodesDelete: k,
					onEdgesDelete: A,
					onDelete: j,
					onNodeDragStart: E,
					onNodeDrag: D,
					onNodeDragStop: O,
					onSelectionDrag: P,
					onSelectionDragStart: N,
					onSelectionDragStop: F,
					onMove: u,
					onMoveStart: d,
					onMoveEnd: f,
					noPanClassName: ot,
					nodeOrigin: be,
					rfId: Rt,
					autoPanOnConnect: gt,
					autoPanOnNodeDrag: _t,
					autoPanSpeed: yt,
					onError: St,
					connectionRadius: bt,
					isValidConnection: xt,
					selectNodesOnDrag: he,
					nodeDragThreshold: Tt,
					connectionDragThreshold: Et,
					onBeforeDelete: I,
					debug: Mt,
					ariaLabelConfig: Pt,
					zIndexMode: Ft
				}),
				(0, b.jsx)(sf, {
					onInit: l,
					onNodeClick: s,
					onEdgeClick: c,
					onNodeMouseEnter: y,
					onNodeMouseMove: S,
					onNodeMouseLeave: C,
					onNodeContextMenu: w,
					onNodeDoubleClick: T,
					nodeTypes: a,
					edgeTypes: o,
					connectionLineType: R,
					connectionLineStyle: z,
					connectionLineComponent: re,
					connectionLineContainerStyle: ie,
					selectionKeyCode: oe,
					selectionOnDrag: se,
					selectionMode: ce,
					deleteKeyCode: ae,
					multiSelectionKeyCode: ue,
					panActivationKeyCode: le,
					zoomActivationKeyCode: de,
					onlyRenderVisibleElements: me,
					defaultViewport: we,
					translateExtent: De,
					minZoom: Te,
					maxZoom: Ee,
					preventScrolling: Oe,
					zoomOnScroll: je,
					zoomOnPinch: Me,
					zoomOnDoubleClick: Ie,
					panOnScroll: Ne,
					panOnScrollSpeed: Pe,
					panOnScrollMode: Fe,
					panOnDrag: Le,
					autoPanOnSelection: vt,
					onPaneClick: Re,
					onPaneMouseEnter: ze,
					onPaneMouseMove: Be,
					onPaneMouseLeave: Ve,
					onPaneScroll: He,
					onPaneContextMenu: Ue,
					paneClickDistance: We,
					nodeClickDistance: Ge,
					onSelectionContextMenu: ee,
					onSelectionStart: te,
					onSelectionEnd: ne,
					onReconnect: qe,
					onReconnectStart: Je,
					onReconnectEnd: Ye,
					onEdgeContextMenu: Xe,
					onEdgeDoubleClick: Ze,
					onEdgeMouseEnter: Qe,
					onEdgeMouseMove: $e,
					onEdgeMouseLeave: et,
					reconnectRadius: tt,
					defaultMarkerColor: Ae,
					noDragClassName: it,
					noWheelClassName: at,
					noPanClassName: ot,
					rfId: Rt,
					disableKeyboardA11y: ht,
					nodeExtent: ke,
					viewport: Dt,
					onViewportChange: Ot,
					nodesDraggable: ge
				}),
				(0, b.jsx)(kl, { onSelectionChange: M }),
				Ke,
				(0, b.jsx)(Cl, {
					proOptions: dt,
					position: ut
				}),
				(0, b.jsx)(bl, {
					rfId: Rt,
					disableKeyboardA11y: ht
				})
			]
		})
	});
}
var hf = eu(mf), gf = (e) => e.domNode?.querySelector(".react-flow__edgelabel-renderer");
function _f({ children: e }) {
	let t = Z(gf);
	return t ? (0, cl.createPortal)(e, t) : null;
}
var vf = (e) => (t) => {
	if (!e.includeHiddenNodes) return t.nodesInitialized;
	if (t.nodeLookup.size === 0) return !1;
	for (let [, { internals: e }] of t.nodeLookup) if (e.handleBounds === void 0 || !os(e.userNode)) return !1;
	return !0;
};
function yf(e = { includeHiddenNodes: !1 }) {
	return Z(vf(e));
}
po.error014();
function bf({ dimensions: e, lineWidth: t, variant: n, className: r }) {
	return (0, b.jsx)("path", {
		strokeWidth: t,
		d: `M${e[0] / 2} 0 V${e[1]} M0 ${e[1] / 2} H${e[0]}`,
		className: x([
			"react-flow__background-pattern",
			n,
			r
		])
	});
}
function xf({ radius: e, className: t }) {
	return (0, b.jsx)("circle", {
		cx: e,
		cy: e,
		r: e,
		className: x([
			"react-flow__background-pattern",
			"dots",
			t
		])
	});
}
var Sf;
(function(e) {
	e.Lines = "lines", e.Dots = "dots", e.Cross = "cross";
})(Sf ||= {});
var Cf = {
	[Sf.Dots]: 1,
	[Sf.Lines]: 1,
	[Sf.Cross]: 6
}, wf = (e) => ({
	transform: e.transform,
	patternId: `pattern-${e.rfId}`
});
function Tf({ id: e, variant: t = Sf.Dots, gap: n = 20, size: r, lineWidth: i = 1, offset: a = 0, color: o, bgColor: s, style: c, className: l, patternClassName: u }) {
	let d = (0, v.useRef)(null), { transform: f, patternId: p } = Z(wf, X), m = r || Cf[t], h = t === Sf.Dots, g = t === Sf.Cross, _ = Array.isArray(n) ? n : [n, n], y = [_[0] * f[2] || 1, _[1] * f[2] || 1], S = m * f[2], C = Array.isArray(a) ? a : [a, a], w = g ? [S, S] : y, T = [C[0] * f[2] + w[0] / 2, C[1] * f[2] + w[1] / 2], E = `${p}${e || ""}`;
	return (0, b.jsxs)("svg", {
		className: x(["react-flow__background", l]),
		style: {
			...c,
			...pu,
			"--xy-background-color-props": s,
			"--xy-background-pattern-color-props": o
		},
		ref: d,
		"data-testid": "rf__background",
		children: [(0, b.jsx)("pattern", {
			id: E,
			x: f[0] % y[0],
			y: f[1] % y[1],
			width: y[0],
			height: y[1],
			patternUnits: "userSpaceOnUse",
			patternTransform: `translate(-${T[0]},-${T[1]})`,
			children: h ? (0, b.jsx)(xf, {
				radius: S / 2,
				className: u
			}) : (0, b.jsx)(bf, {
				dimensions: w,
				lineWidth: i,
				variant: t,
				className: u
			})
		}), (0, b.jsx)("rect", {
			x: "0",
			y: "0",
			width: "100%",
			height: "100%",
			fill: `url(#${E})`
		})]
	});
}
Tf.displayName = "Background";
var Ef = (0, v.memo)(Tf);
function Df() {
	return (0, b.jsx)("svg", {
		xmlns: "http://www.w3.org/2000/svg",
		viewBox: "0 0 32 32",
		children: (0, b.jsx)("path", { d: "M32 18.133H18.133V32h-4.266V18.133H0v-4.266h13.867V0h4.266v13.867H32z" })
	});
}
function Of() {
	return (0, b.jsx)("svg", {
		xmlns: "http://www.w3.org/2000/svg",
		viewBox: "0 0 32 5",
		children: (0, b.jsx)("path", { d: "M0 0h32v4.2H0z" })
	});
}
function kf() {
	return (0, b.jsx)("svg", {
		xmlns: "http://www.w3.org/2000/svg",
		viewBox: "0 0 32 30",
		children: (0, b.jsx)("path", { d: "M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" })
	});
}
function Af() {
	return (0, b.jsx)("svg", {
		xmlns: "http://www.w3.org/2000/svg",
		viewBox: "0 0 25 32",
		children: (0, b.jsx)("path", { d: "M21.333 10.667H19.81V7.619C19.81 3.429 16.38 0 12.19 0 8 0 4.571 3.429 4.571 7.619v3.048H3.048A3.056 3.056 0 000 13.714v15.238A3.056 3.056 0 003.048 32h18.285a3.056 3.056 0 003.048-3.048V13.714a3.056 3.056 0 00-3.048-3.047zM12.19 24.533a3.056 3.056 0 01-3.047-3.047 3.056 3.056 0 013.047-3.048 3.056 3.056 0 013.048 3.048 3.056 3.056 0 01-3.048 3.047zm4.724-13.866H7.467V7.619c0-2.59 2.133-4.724 4.723-4.724 2.591 0 4.724 2.133 4.724 4.724v3.048z" })
	});
}
function jf() {
	return (0, b.jsx)("svg", {
		xmlns: "http://www.w3.org/2000/svg",
		viewBox: "0 0 25 32",
		children: (0, b.jsx)("path", { d: "M21.333 10.667H19.81V7.619C19.81 3.429 16.38 0 12.19 0c-4.114 1.828-1.37 2.133.305 2.438 1.676.305 4.42 2.59 4.42 5.181v3.048H3.047A3.056 3.056 0 000 13.714v15.238A3.056 3.056 0 003.048 32h18.285a3.056 3.056 0 003.048-3.048V13.714a3.056 3.056 0 00-3.048-3.047zM12.19 24.533a3.056 3.056 0 01-3.047-3.047 3.056 3.056 0 013.047-3.048 3.056 3.056 0 013.048 3.048 3.056 3.056 0 01-3.048 3.047z" })
	});
}
function Mf({ children: e, className: t, ...n }) {
	return (0, b.jsx)("button", {
		type: "button",
		className: x(["react-flow__controls-button", t]),
		...n,
		children: e
	});
}
var Nf = (e) => ({
	isInteractive: e.nodesDraggable || e.nodesConnectable || e.elementsSelectable,
	minZoomReached: e.transform[2] <= e.minZoom,
	maxZoomReached: e.transform[2] >= e.maxZoom,
	ariaLabelConfig: e.ariaLabelConfig
});
function Pf({ style: e, showZoom: t = !0, showFitView: n = !0, showInteractive: r = !0, fitViewOptions: i, onZoomIn: a, onZoomOut: o, onFitView: s, onInteractiveChange: c, className: l, children: u, position: d = "bottom-left", orientation: f = "vertical", "aria-label": p }) {
	let m = Q(), { isInteractive: h, minZoomReached: g, maxZoomReached: _, ariaLabelConfig: v } = Z(Nf, X), { zoomIn: y, zoomOut: S, fitView: C } = cu();
	return (0, b.jsxs)(xl, {
		className: x([
			"react-flow__controls",
			f === "horizontal" ? "horizontal" : "vertical",
			l
		]),
		position: d,
		style: e,
		"data-testid": "rf__controls",
		"aria-label": p ?? v["controls.ariaLabel"],
		children: [
			t && (0, b.jsxs)(b.Fragment, { children: [(0, b.jsx)(Mf, {
				onClick: () => {
					y(), a?.();
				},
				className: "react-flow__controls-zoomin",
				title: v["controls.zoomIn.ariaLabel"],
				"aria-label": v["controls.zoomIn.ariaLabel"],
				disabled: _,
				children: (0, b.jsx)(Df, {})
			}), (0, b.jsx)(Mf, {
				onClick: () => {
					S(), o?.();
				},
				className: "react-flow__controls-zoomout",
				title: v["controls.zoomOut.ariaLabel"],
				"aria-label": v["controls.zoomOut.ariaLabel"],
				disabled: g,
				children: (0, b.jsx)(Of, {})
			})] }),
			n && (0, b.jsx)(Mf, {
				className: "react-flow__controls-fitview",
				onClick: () => {
					C(i), s?.();
				},
				title: v["controls.fitView.ariaLabel"],
				"aria-label": v["controls.fitView.ariaLabel"],
				children: (0, b.jsx)(kf, {})
			}),
			r && (0, b.jsx)(Mf, {
				className: "react-flow__controls-interactive",
				onClick: () => {
					m.setState({
						nodesDraggable: !h,
						nodesConnectable: !h,
						elementsSelectable: !h
					}), c?.(!h);
				},
				title: v["controls.interactive.ariaLabel"],
				"aria-label": v["controls.interactive.ariaLabel"],
				children: h ? (0, b.jsx)(jf, {}) : (0, b.jsx)(Af, {})
			}),
			u
		]
	});
}
Pf.displayName = "Controls", (0, v.memo)(Pf);
function Ff({ id: e, x: t, y: n, width: r, height: i, style: a, color: o, strokeColor: s, strokeWidth: c, className: l, borderRadius: u, shapeRendering: d, selected: f, onClick: p }) {
	let { background: m, backgroundColor: h } = a || {}, g = o || m || h;
	return (0, b.jsx)("rect", {
		className: x([
			"react-flow__minimap-node",
			{ selected: f },
			l
		]),
		x: t,
		y: n,
		rx: u,
		ry: u,
		width: r,
		height: i,
		style: {
			fill: g,
			stroke: s,
			strokeWidth: c
		},
		shapeRendering: d,
		onClick: p ? (t) => p(t, e) : void 0
	});
}
var If = (0, v.memo)(Ff), Lf = (e) => e.nodes.map((e) => e.id), Rf = (e) => e instanceof Function ? e : () => e;
function zf({ nodeStrokeColor: e, nodeColor: t, nodeClassName: n = "", nodeBorderRadius: r = 5, nodeStrokeWidth: i, nodeComponent: a = If, onClick: o }) {
	let s = Z(Lf, X), c = Rf(t), l = Rf(e), u = Rf(n), d = typeof window > "u" || window.chrome ? "crispEdges" : "geometricPrecision";
	return (0, b.jsx)(b.Fragment, { children: s.map((e) => (0, b.jsx)(Vf, {
		id: e,
		nodeColorFunc: c,
		nodeStrokeColorFunc: l,
		nodeClassNameFunc: u,
		nodeBorderRadius: r,
		nodeStrokeWidth: i,
		NodeComponent: a,
		onClick: o,
		shapeRendering: d
	}, e)) });
}
function Bf({ id: e, nodeColorFunc: t, nodeStrokeColorFunc: n, nodeClassNameFunc: r, nodeBorderRadius: i, nodeStrokeWidth: a, shapeRendering: o, NodeComponent: s, onClick: c }) {
	let { node: l, x: u, y: d, width: f, height: p } = Z((t) => {
		let n = t.nodeLookup.get(e);
		if (!n) return {
			node: void 0,
			x: 0,
			y: 0,
			width: 0,
			height: 0
		};
		let r = n.internals.userNode, { x: i, y: a } = n.internals.positionAbsolute, { width: o, height: s } = as(r);
		return {
			node: r,
			x: i,
			y: a,
			width: o,
			height: s
		};
	}, X);
	return !l || l.hidden || !os(l) ? null : (0, b.jsx)(s, {
		x: u,
		y: d,
		width: f,
		height: p,
		style: l.style,
		selected: !!l.selected,
		className: r(l),
		color: t(l),
		borderRadius: i,
		strokeColor: n(l),
		strokeWidth: a,
		shapeRendering: o,
		onClick: c,
		id: l.id
	});
}
var Vf = (0, v.memo)(Bf), Hf = (0, v.memo)(zf), Uf = 200, Wf = 150, Gf = (e) => !e.hidden, Kf = (e) => {
	let t = {
		x: -e.transform[0] / e.transform[2],
		y: -e.transform[1] / e.transform[2],
		width: e.width / e.transform[2],
		height: e.height / e.transform[2]
	}, n = !1;
	for (let t of e.nodeLookup.values()) if (!t.hidden) {
		n = !0;
		break;
	}
	return {
		viewBB: t,
		boundingRect: n ? Wo(Do(e.nodeLookup, { filter: Gf }), t) : t,
		rfId: e.rfId,
		panZoom: e.panZoom,
		translateExtent: e.translateExtent,
		flowWidth: e.width,
		flowHeight: e.height,
		ariaLabelConfig: e.ariaLabelConfig
	};
}, qf = (e, t) => e.x === t.x && e.y === t.y && e.width === t.width && e.height === t.height, Jf = (e, t) => qf(e.viewBB, t.viewBB) && qf(e.boundingRect, t.boundingRect) && e.rfId === t.rfId && e.panZoom === t.panZoom && e.translateExtent === t.translateExtent && e.flowWidth === t.flowWidth && e.flowHeight === t.flowHeight && e.ariaLabelConfig === t.ariaLabelConfig, Yf = "react-flow__minimap-desc";
function Xf({ style: e, className: t, nodeStrokeColor: n, nodeColor: r, nodeClassName: i = "", nodeBorderRadius: a = 5, nodeStrokeWidth: o, nodeComponent: s, bgColor: c, maskColor: l, maskStrokeColor: u, maskStrokeWidth: d, position: f = "bottom-right", onClick: p, onNodeClick: m, pannable: h = !1, zoomable: g = !1, ariaLabel: _, inversePan: y, zoomStep: S = 1, offsetScale: C = 5 }) {
	let w = Q(), T = (0, v.useRef)(null), { boundingRect: E, panZoom: D, viewBB: O, rfId: k, translateExtent: A, flowWidth: j, flowHeight: M, ariaLabelConfig: N } = Z(Kf, Jf), P = e?.width ?? Uf, F = e?.height ?? Wf, ee = E.width / P, te = E.height / F, ne = Math.max(ee, te), I = ne * P, L = ne * F, R = C * ne, z = E.x - (I - E.width) / 2 - R, re = E.y - (L - E.height) / 2 - R, ie = I + R * 2, ae = L + R * 2, oe = `${Yf}-${k}`, se = (0, v.useRef)(0), ce = (0, v.useRef)();
	se.current = ne, (0, v.useEffect)(() => {
		let e = w.getState().panZoom;
		if (T.current && e) return ce.current = wc({
			domNode: T.current,
			panZoom: e,
			getTransform: () => w.getState().transform,
			getViewScale: () => se.current
		}), () => {
			ce.current?.destroy();
		};
	}, [D]), (0, v.useEffect)(() => {
		ce.current?.update({
			translateExtent: A,
			width: j,
			height: M,
			inversePan: y,
			pannable: h,
			zoomStep: S,
			zoomable: g
		});
	}, [
		h,
		g,
		y,
		S,
		A,
		j,
		M
	]);
	let le = p ? (e) => {
		let [t, n] = ce.current?.pointer(e) || [0, 0];
		p(e, {
			x: t,
			y: n
		});
	} : void 0, ue = (0, v.useCallback)((e, t) => {
		let n = w.getState().nodeLookup.get(t).internals.userNode;
		m?.(e, n);
	}, [m]), de = m ? ue : void 0, fe = _ ?? N["minimap.ariaLabel"];
	return (0, b.jsx)(xl, {
		position: f,
		style: {
			...e,
			"--xy-minimap-background-color-props": typeof c == "string" ? c : void 0,
			"--xy-minimap-mask-background-color-props": typeof l == "string" ? l : void 0,
			"--xy-minimap-mask-stroke-color-props": typeof u == "string" ? u : void 0,
			"--xy-minimap-mask-stroke-width-props": typeof d == "number" ? d * ne : void 0,
			"--xy-minimap-node-background-color-props": typeof r == "string" ? r : void 0,
			"--xy-minimap-node-stroke-color-props": typeof n == "string" ? n : void 0,
			"--xy-minimap-node-stroke-width-props": typeof o == "number" ? o : void 0
		},
		className: x(["react-flow__minimap", t]),
		"data-testid": "rf__minimap",
		children: (0, b.jsxs)("svg", {
			width: P,
			height: F,
			viewBox: `${z} ${re} ${ie} ${ae}`,
			className: "react-flow__minimap-svg",
			role: "img",
			"aria-labelledby": oe,
			ref: T,
			onClick: le,
			children: [
				fe && (0, b.jsx)("title", {
					id: oe,
					children: fe
				}),
				(0, b.jsx)(Hf, {
					onClick: de,
					nodeColor: r,
					nodeStrokeColor: n,
					nodeBorderRadius: a,
					nodeClassName: i,
					nodeStrokeWidth: o,
					nodeComponent: s
				}),
				(0, b.jsx)("path", {
					className: "react-flow__minimap-mask",
					d: `M${z - R},${re - R}h${ie + R * 2}v${ae + R * 2}h${-ie - R * 2}z
        M${O.x},${O.y}h${O.width}v${O.height}h${-O.width}z`,
					fillRule: "evenodd",
					pointerEvents: "none"
				})
			]
		})
	});
}
Xf.displayName = "MiniMap";
var Zf = (0, v.memo)(Xf), Qf = (e) => (t) => e ? `${Math.max(1 / t.transform[2], 1)}` : void 0, $f = {
	[zc.Line]: "right",
	[zc.Handle]: "bottom-right"
};
function ep({ nodeId: e, position: t, variant: n = zc.Handle, className: r, style: i = void 0, children: a, color: o, minWidth: s = 10, minHeight: c = 10, maxWidth: l = Number.MAX_VALUE, maxHeight: u = Number.MAX_VALUE, keepAspectRatio: d = !1, resizeDirection: f, autoScale: p = !0, shouldResize: m, onResizeStart: h, onResize: g, onResizeEnd: _ }) {
	let y = Du(), S = typeof e == "string" ? e : y, C = Q(), w = (0, v.useRef)(null), T = n === zc.Handle, E = Z((0, v.useCallback)(Qf(T && p), [T, p]), X), D = (0, v.useRef)(null), O = t ?? $f[n];
	(0, v.useEffect)(() => {
		if (w.current && S) return D.current ||= Yc({
			domNode: w.current,
			nodeId: S,
			getStoreItems: () => {
				let { nodeLookup: e, transform: t, snapGrid: n, snapToGrid: r, nodeOrigin: i, domNode: a } = C.getState();
				return {
					nodeLookup: e,
					transform: t,
					snapGrid: n,
					snapToGrid: r,
					nodeOrigin: i,
					paneDomNode: a
				};
			},
			onChange: (e, t) => {
				let { triggerNodeChanges: n, nodeLookup: r, parentLookup: i, nodeOrigin: a } = C.getState(), o = [], s = {
					x: e.x,
					y: e.y
				}, c = r.get(S);
				if (c && c.expandParent && c.parentId) {
					let t = c.origin ?? a, n = e.width ?? c.measured.width ?? 0, l = e.height ?? c.measured.height ?? 0, u = ic([{
						id: c.id,
						parentId: c.parentId,
						rect: {
							width: n,
							height: l,
							...ss({
								x: e.x ?? c.position.x,
								y: e.y ?? c.position.y
							}, {
								width: n,
								height: l
							}, c.parentId, r, t)
						}
					}], r, i, a);
					o.push(...u), s.x = e.x ? Math.max(t[0] * n, e.x) : void 0, s.y = e.y ? Math.max(t[1] * l, e.y) : void 0;
				}
				if (s.x !== void 0 && s.y !== void 0) {
					let e = {
						id: S,
						type: "position",
						position: { ...s }
					};
					o.push(e);
				}
				if (e.width !== void 0 && e.height !== void 0) {
					let t = {
						id: S,
						type: "dimensions",
						resizing: !0,
						setAttributes: f ? f === "horizontal" ? "width" : "height" : !0,
						dimensions: {
							width: e.width,
							height: e.height
						}
					};
					o.push(t);
				}
				for (let e of t) {
					let t = {
						...e,
						type: "position"
					};
					o.push(t);
				}
				n(o);
			},
			onEnd: ({ width: e, height: t }) => {
				let n = {
					id: S,
					type: "dimensions",
					resizing: !1,
					dimensions: {
						width: e,
						height: t
					}
				};
				C.getState().triggerNodeChanges([n]);
			}
		}), D.current.update({
			controlPosition: O,
			boundaries: {
				minWidth: s,
				minHeight: c,
				maxWidth: l,
				maxHeight: u
			},
			keepAspectRatio: d,
			resizeDirection: f,
			onResizeStart: h,
			onResize: g,
			onResizeEnd: _,
			shouldResize: m
		}), () => {
			D.current?.destroy();
		};
	}, [
		O,
		s,
		c,
		l,
		u,
		d,
		h,
		g,
		_,
		m
	]);
	let k = O.split("-");
	return (0, b.jsx)("div", {
		className: x([
			"react-flow__resize-control",
			"nodrag",
			...k,
			n,
			r
		]),
		ref: w,
		style: {
			...i,
			scale: E,
			...o && { [T ? "backgroundColor" : "borderColor"]: o }
		},
		children: a
	});
}
(0, v.memo)(ep);
// src/context.ts
var tp = (0, v.createContext)({
	emit: () => void 0,
	direction: "TB",
	readOnly: !1,
	selectedEdge: null,
	card: [200, 64],
	panel: [
		8,
		200,
		64
	]
}), np = [
	37,
	99,
	235
], rp = [
	255,
	255,
	255
], ip = [
	249,
	115,
	22
], ap = [
	30,
	58,
	138
];
function op(e, t, n) {
	return [
		0,
		1,
		2
	].map((r) => Math.round(e[r] + (t[r] - e[r]) * n));
}
function sp(e, t) {
	let n = e / 255;
	return t ? n < .5 ? op(np, rp, n * 2) : op(rp, ip, (n - .5) * 2) : op(rp, ap, n);
}
function cp(e) {
	let t = atob(e), n = new Uint8Array(t.length);
	for (let e = 0; e < t.length; e++) n[e] = t.charCodeAt(e);
	return n;
}
function lp(e, t) {
	e.width = t.w, e.height = t.h;
	let n = e.getContext("2d");
	if (!n) return;
	let r = cp(t.v), i = n.createImageData(t.w, t.h);
	for (let e = 0; e < t.w * t.h; e++) {
		let [n, a, o] = sp(r[e] ?? 128, t.diverging);
		i.data[e * 4] = n, i.data[e * 4 + 1] = a, i.data[e * 4 + 2] = o, i.data[e * 4 + 3] = 255;
	}
	n.putImageData(i, 0, 0);
}
// src/LayerNode.tsx
function up(e) {
	return e < 1e3 ? String(e) : e < 1e6 ? `${(e / 1e3).toFixed(+(e < 1e4))}k` : e < 1e9 ? `${(e / 1e6).toFixed(+(e < 1e7))}M` : `${(e / 1e9).toFixed(1)}G`;
}
function dp(e) {
	return e === 0 ? "0" : e.toExponential(1).replace("e+", "e").replace("e-0", "e-");
}
function fp({ label: e, title: t, onClick: n, disabled: r, data: i }) {
	return /* @__PURE__ */ (0, b.jsx)("button", {
		type: "button",
		className: "nb-mini nodrag",
		title: t,
		"aria-label": t,
		disabled: r,
		onClick: (e) => {
			e.stopPropagation(), r || n();
		},
		onDoubleClick: (e) => e.stopPropagation(),
		...i,
		children: e
	});
}
function pp({ thumb: e, width: t, height: n }) {
	let r = (0, v.useRef)(null);
	return (0, v.useEffect)(() => {
		r.current && lp(r.current, e);
	}, [e]), /* @__PURE__ */ (0, b.jsx)("canvas", {
		ref: r,
		"data-thumb": "",
		title: e.label,
		className: "nb-thumb",
		style: {
			width: t,
			height: n
		}
	});
}
var mp = 20, hp = 2;
function gp(e, t, n) {
	if (e.length === 1) {
		let r = e[0], i = Math.min(t / r.w, n / r.h);
		return [{
			width: Math.floor(r.w * i),
			height: Math.floor(r.h * i)
		}];
	}
	let r = e.length > 8 ? 2 : 1, i = Math.ceil(e.length / r), a = Math.floor(Math.min((n - (r - 1) * hp) / r, (t - (i - 1) * hp) / i));
	return e.map(() => ({
		width: a,
		height: a
	}));
}
function _p({ live: e }) {
	let { direction: t, card: n, panel: r } = (0, v.useContext)(tp), [i, a, o] = r, s = t === "LR" ? {
		left: 0,
		top: n[1] + i
	} : {
		left: n[0] + i,
		top: 0
	}, c = gp(e.thumbs, a, o - mp);
	return /* @__PURE__ */ (0, b.jsxs)("div", {
		className: "nb-live",
		style: {
			...s,
			width: a,
			height: o
		},
		children: [/* @__PURE__ */ (0, b.jsxs)("div", {
			className: "nb-badges",
			children: [
				e.grad_norm !== null && /* @__PURE__ */ (0, b.jsxs)("span", {
					className: "nb-badge",
					title: "latest gradient norm",
					children: ["∇ ", dp(e.grad_norm)]
				}),
				e.update_ratio !== null && /* @__PURE__ */ (0, b.jsxs)("span", {
					className: "nb-badge",
					title: "weight update / weight norm",
					children: ["Δw/w ", dp(e.update_ratio)]
				}),
				(e.dead ?? 0) >= .05 && /* @__PURE__ */ (0, b.jsxs)("span", {
					className: "nb-badge nb-dead",
					title: "units that output zero for every probe sample",
					children: [
						"dead ",
						Math.round((e.dead ?? 0) * 100),
						"%"
					]
				}),
				e.alert && /* @__PURE__ */ (0, b.jsx)("span", {
					className: "nb-badge nb-warn",
					title: e.alert,
					children: "⚠"
				})
			]
		}), e.thumbs.length > 0 && /* @__PURE__ */ (0, b.jsx)("div", {
			className: "nb-thumbs",
			title: e.thumbs_title ?? void 0,
			children: e.thumbs.map((e, t) => /* @__PURE__ */ (0, b.jsx)(pp, {
				thumb: e,
				...c[t]
			}, t))
		})]
	});
}
function vp(e) {
	return `${(e * 100).toFixed(e >= .995 || e < .1 ? 0 : 1)}%`;
}
function yp(e) {
	return Math.abs(e) >= 1e4 || e !== 0 && Math.abs(e) < .001 ? dp(e) : String(Number(e.toPrecision(3)));
}
function bp({ answer: e }) {
	let { direction: t, card: n, panel: r } = (0, v.useContext)(tp), [i, a, o] = r, s = t === "LR" ? {
		left: 0,
		top: n[1] + i
	} : {
		left: n[0] + i,
		top: 0
	}, c = e.correct === null ? "" : e.correct ? " ✓" : " ✗", l = e.kind === "classes" ? `${e.predicted} ${vp(e.p ?? 0)}` : `${(e.values ?? []).map(yp).join(", ")}${e.more ? " …" : ""}`, u = e.true === null ? "" : Array.isArray(e.true) ? `true ${e.true.map(yp).join(", ")}` : `true class ${e.true}`, d = e.loss === null ? "" : `loss ${yp(e.loss)}`, f = [
		`prediction ${l}${c}`,
		e.correct === !1 || e.kind === "values" ? u : "",
		d
	].filter(Boolean).join(" · ");
	return /* @__PURE__ */ (0, b.jsxs)("div", {
		className: "nb-live nb-answer",
		"data-answer": e.kind,
		style: {
			...s,
			width: a,
			height: o
		},
		children: [
			/* @__PURE__ */ (0, b.jsxs)("div", {
				className: `nb-answer-line${e.correct === !1 ? " nb-wrong" : ""}`,
				title: f,
				"data-correct": e.correct === null ? void 0 : String(e.correct),
				children: [
					/* @__PURE__ */ (0, b.jsx)("b", { children: l }),
					c,
					d && /* @__PURE__ */ (0, b.jsxs)("span", {
						className: "nb-answer-loss",
						children: [" · ", d]
					})
				]
			}),
			e.classes && /* @__PURE__ */ (0, b.jsx)("div", {
				className: "nb-probs",
				title: e.classes.map((e) => `${e.name}: ${vp(e.p)}`).join("\n") + (e.more ? `\n… ${e.more} more classes` : ""),
				children: e.classes.map((e, t) => /* @__PURE__ */ (0, b.jsxs)("div", {
					className: `nb-prob${e.predicted ? " nb-predicted" : ""}${e.true ? " nb-true" : ""}`,
					"data-class": e.name,
					"data-p": e.p.toFixed(4),
					children: [/* @__PURE__ */ (0, b.jsx)("div", {
						className: "nb-prob-track",
						children: /* @__PURE__ */ (0, b.jsx)("div", {
							className: "nb-prob-bar",
							style: { height: `${Math.max(2, e.p * 100)}%` }
						})
					}), /* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-prob-name",
						children: e.name
					})]
				}, t))
			}),
			!e.classes && u && /* @__PURE__ */ (0, b.jsx)("div", {
				className: "nb-answer-true",
				children: u
			})
		]
	});
}
function xp({ target: e, connectable: t }) {
	let { direction: n } = (0, v.useContext)(tp), r = n === "LR";
	return /* @__PURE__ */ (0, b.jsxs)(b.Fragment, { children: [e && /* @__PURE__ */ (0, b.jsx)(Fu, {
		type: "target",
		position: r ? K.Left : K.Top,
		className: "nb-handle",
		"data-handle": "in",
		isConnectable: t
	}), /* @__PURE__ */ (0, b.jsx)(Fu, {
		type: "source",
		position: r ? K.Right : K.Bottom,
		className: "nb-handle",
		"data-handle": "out",
		isConnectable: t
	})] });
}
function Sp(e) {
	return e.error ? `${e.error.message}${e.error.hint ? `\nFix: ${e.error.hint}` : ""}` : void 0;
}
function Cp({ id: e, data: t, selected: n }) {
	let { emit: r, readOnly: i, card: a } = (0, v.useContext)(tp), o = t.live, s = !!t.locked, c = [
		"nb-node",
		`nb-${t.role}`,
		t.error ? "nb-error" : "",
		o?.alert ? "nb-alert" : "",
		n ? "nb-selected" : "",
		s ? "nb-locked" : "",
		t.mark ? `nb-mark-${t.mark.kind}` : ""
	].filter(Boolean).join(" ");
	return /* @__PURE__ */ (0, b.jsxs)("div", {
		className: c,
		"data-layer-id": e,
		"data-status": t.error ? "error" : "ok",
		"data-selected": n ? "true" : "false",
		"data-fill": o?.fill ?? void 0,
		"data-grad-norm": o?.grad_norm ?? void 0,
		"data-locked": s ? "true" : void 0,
		"data-mark": t.mark?.kind,
		"aria-disabled": s || void 0,
		style: {
			width: a[0],
			height: a[1],
			...o?.fill ? { background: o.fill } : {}
		},
		title: Sp(t) ?? (s ? `${t.full}: locked by the teacher's link` : t.full === t.title ? void 0 : t.full),
		children: [
			/* @__PURE__ */ (0, b.jsx)(xp, {
				target: t.role !== "input",
				connectable: !i && !s
			}),
			/* @__PURE__ */ (0, b.jsxs)("div", {
				className: "nb-head",
				children: [
					s && /* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-lock",
						"aria-label": "locked",
						children: "🔒"
					}),
					/* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-title",
						children: t.title
					}),
					/* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-type",
						children: t.type
					}),
					t.params > 0 && /* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-params",
						title: `${t.params.toLocaleString()} parameters`,
						children: up(t.params)
					})
				]
			}),
			t.error ? /* @__PURE__ */ (0, b.jsxs)("div", {
				className: "nb-problem",
				children: [/* @__PURE__ */ (0, b.jsx)("span", {
					className: "nb-message",
					children: t.error.message
				}), t.error.hint && /* @__PURE__ */ (0, b.jsxs)("span", {
					className: "nb-hint",
					children: [" Fix: ", t.error.hint]
				})]
			}) : /* @__PURE__ */ (0, b.jsxs)("div", {
				className: "nb-shape",
				children: [
					/* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-shape-text",
						children: t.shape ? `→ ${t.shape}` : "→ ?"
					}),
					t.role === "output" && /* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-tag",
						children: "output"
					}),
					t.merge && /* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-tag nb-merge",
						children: "merges"
					}),
					t.mark && /* @__PURE__ */ (0, b.jsx)("span", {
						className: `nb-tag nb-mark nb-mark-tag-${t.mark.kind}`,
						title: t.mark.text,
						children: t.mark.kind
					}),
					t.units && !i && !s && /* @__PURE__ */ (0, b.jsxs)("span", {
						className: "nb-units",
						children: [/* @__PURE__ */ (0, b.jsx)(fp, {
							label: "−",
							title: `One unit fewer in ${e}`,
							data: { "data-units": "-1" },
							onClick: () => r({
								kind: "units",
								id: e,
								delta: -1
							})
						}), /* @__PURE__ */ (0, b.jsx)(fp, {
							label: "+",
							title: `One unit more in ${e}`,
							data: { "data-units": "+1" },
							onClick: () => r({
								kind: "units",
								id: e,
								delta: 1
							})
						})]
					})
				]
			}),
			t.answer ? /* @__PURE__ */ (0, b.jsx)(bp, { answer: t.answer }) : o && /* @__PURE__ */ (0, b.jsx)(_p, { live: o }),
			n && t.deletable && !i && !s && /* @__PURE__ */ (0, b.jsx)("button", {
				type: "button",
				className: "nb-delete nodrag",
				"data-node-delete": e,
				title: `Delete ${e}`,
				onClick: (t) => {
					t.stopPropagation(), r({
						kind: "delete",
						nodes: [e],
						edges: []
					});
				},
				children: "×"
			})
		]
	});
}
var wp = (0, v.memo)(Cp);
function Tp({ repeat: e, name: t }) {
	let { emit: n, readOnly: r } = (0, v.useContext)(tp);
	return r ? /* @__PURE__ */ (0, b.jsxs)("span", {
		className: "nb-count",
		children: ["×", e.count]
	}) : /* @__PURE__ */ (0, b.jsxs)("span", {
		className: "nb-repeat",
		"data-repeat": t,
		children: [
			/* @__PURE__ */ (0, b.jsx)(fp, {
				label: "−",
				title: `One copy of ${t} fewer`,
				disabled: e.count <= 1,
				data: { "data-copies": "-1" },
				onClick: () => n({
					kind: "repeat",
					group: e.group,
					count: e.count - 1
				})
			}),
			/* @__PURE__ */ (0, b.jsxs)("span", {
				className: "nb-count",
				"data-count": e.count,
				children: ["×", e.count]
			}),
			/* @__PURE__ */ (0, b.jsx)(fp, {
				label: "+",
				title: e.more ? `One copy of ${t} more` : "Copies are added to the last block of this name",
				disabled: !e.more,
				data: { "data-copies": "+1" },
				onClick: () => n({
					kind: "repeat",
					group: e.group,
					count: e.count + 1
				})
			})
		]
	});
}
function Ep({ id: e, data: t, selected: n }) {
	let { emit: r, card: i } = (0, v.useContext)(tp), a = [
		"nb-node",
		"nb-block",
		t.error ? "nb-error" : "",
		n ? "nb-selected" : ""
	].filter(Boolean).join(" ");
	return /* @__PURE__ */ (0, b.jsxs)("div", {
		className: a,
		"data-group-id": e,
		"data-status": t.error ? "error" : "ok",
		style: {
			width: i[0],
			height: i[1]
		},
		title: Sp(t),
		children: [
			/* @__PURE__ */ (0, b.jsx)(xp, {
				target: !0,
				connectable: !1
			}),
			/* @__PURE__ */ (0, b.jsxs)("div", {
				className: "nb-head",
				children: [
					/* @__PURE__ */ (0, b.jsx)(fp, {
						label: "▸",
						title: `Expand ${t.title}`,
						data: { "data-expand": e },
						onClick: () => r({
							kind: "collapse",
							id: e,
							collapsed: !1
						})
					}),
					/* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-title",
						children: t.title
					}),
					/* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-type",
						children: t.type
					}),
					t.params > 0 && /* @__PURE__ */ (0, b.jsx)("span", {
						className: "nb-params",
						title: `${t.params.toLocaleString()} parameters`,
						children: up(t.params)
					})
				]
			}),
			/* @__PURE__ */ (0, b.jsxs)("div", {
				className: "nb-shape",
				children: [/* @__PURE__ */ (0, b.jsx)("span", {
					className: "nb-shape-text",
					title: `reads ${t.shape_in || "?"}, gives ${t.shape || "?"}`,
					children: t.error ? t.error.message : t.shape_in === t.shape ? `→ ${t.shape || "?"}` : `${t.shape_in || "?"} → ${t.shape || "?"}`
				}), t.repeat && /* @__PURE__ */ (0, b.jsx)(Tp, {
					repeat: t.repeat,
					name: t.title
				})]
			})
		]
	});
}
var Dp = (0, v.memo)(Ep);
// src/FrameNode.tsx
function Op({ data: e }) {
	let { emit: t } = (0, v.useContext)(tp), [, , n, r] = e.box;
	return /* @__PURE__ */ (0, b.jsx)("div", {
		className: `nb-frame nb-frame-${e.level}`,
		"data-frame-id": e.id,
		style: {
			width: n,
			height: r
		},
		children: /* @__PURE__ */ (0, b.jsxs)("div", {
			className: "nb-frame-head",
			style: { marginLeft: e.head },
			children: [
				/* @__PURE__ */ (0, b.jsx)(fp, {
					label: "▾",
					title: `Collapse ${e.title} into one node`,
					data: { "data-collapse": e.id },
					onClick: () => t({
						kind: "collapse",
						id: e.id,
						collapsed: !0
					})
				}),
				/* @__PURE__ */ (0, b.jsx)("span", {
					className: "nb-frame-title",
					children: e.title
				}),
				e.repeat && /* @__PURE__ */ (0, b.jsx)(Tp, {
					repeat: e.repeat,
					name: e.title
				}),
				/* @__PURE__ */ (0, b.jsxs)("span", {
					className: "nb-frame-info",
					children: [
						e.layers,
						" layers",
						e.params > 0 ? ` · ${up(e.params)}` : ""
					]
				})
			]
		})
	});
}
var kp = (0, v.memo)(Op);
function Ap({ groups: e, emit: t, readOnly: n }) {
	let [r, i] = (0, v.useState)(""), [a, o] = (0, v.useState)({}), s = (0, v.useMemo)(() => {
		let t = r.trim().toLowerCase();
		return e.map((e) => ({
			...e,
			types: e.types.filter((e) => !t || e.name.toLowerCase().includes(t))
		})).filter((e) => e.types.length > 0);
	}, [e, r]);
	return /* @__PURE__ */ (0, b.jsxs)("div", {
		className: "nb-palette",
		"aria-label": "Layer palette",
		children: [/* @__PURE__ */ (0, b.jsx)("input", {
			className: "nb-filter",
			placeholder: "Find a layer…",
			value: r,
			"aria-label": "Find a layer type",
			onChange: (e) => i(e.target.value)
		}), s.map((e) => {
			let i = r !== "" || !a[e.category];
			return /* @__PURE__ */ (0, b.jsxs)("div", {
				className: "nb-group",
				children: [/* @__PURE__ */ (0, b.jsxs)("button", {
					type: "button",
					className: "nb-group-head",
					"aria-expanded": i,
					onClick: () => o({
						...a,
						[e.category]: i
					}),
					children: [
						/* @__PURE__ */ (0, b.jsx)("span", { children: i ? "▾" : "▸" }),
						" ",
						e.category
					]
				}), i && e.types.map((e) => /* @__PURE__ */ (0, b.jsx)("div", {
					className: `nb-item${n ? " nb-item-off" : ""}`,
					"data-palette-type": e.name,
					title: e.help,
					draggable: !n,
					role: "button",
					tabIndex: 0,
					onDragStart: (t) => {
						t.dataTransfer.setData("application/x-netbuilder-layer", e.name), t.dataTransfer.setData("text/plain", e.name), t.dataTransfer.effectAllowed = "copy";
					},
					onClick: () => !n && t({
						kind: "add",
						type: e.name,
						position: null,
						edge: null
					}),
					onKeyDown: (r) => {
						r.key !== "Enter" && r.key !== " " || n || (r.preventDefault(), t({
							kind: "add",
							type: e.name,
							position: null,
							edge: null
						}));
					},
					children: e.name
				}, e.name))]
			}, e.category);
		})]
	});
}
// src/Toolbar.tsx
function jp({ graph: e, emit: t, chosen: n, fit: r, zoom: i, clearChosen: a }) {
	let o = e.read_only, { hidden: s, sync: c } = e.quick;
	return /* @__PURE__ */ (0, b.jsxs)("div", {
		className: "nb-toolbar",
		role: "toolbar",
		"aria-label": "Canvas tools",
		children: [/* @__PURE__ */ (0, b.jsxs)("div", {
			className: "nb-quick",
			children: [
				s && /* @__PURE__ */ (0, b.jsxs)("span", {
					className: "nb-hidden",
					"data-hidden-count": s.count,
					title: "Hidden layers of the dense stack",
					children: [
						/* @__PURE__ */ (0, b.jsx)("button", {
							type: "button",
							"data-action": "hidden-remove",
							disabled: o || !s.remove,
							title: "Remove the last hidden layer",
							onClick: () => t({
								kind: "hidden",
								delta: -1
							}),
							children: "−"
						}),
						/* @__PURE__ */ (0, b.jsxs)("span", { children: [
							s.count,
							" hidden",
							/* @__PURE__ */ (0, b.jsxs)("span", {
								className: "nb-wide",
								children: [" layer", s.count === 1 ? "" : "s"]
							})
						] }),
						/* @__PURE__ */ (0, b.jsx)("button", {
							type: "button",
							"data-action": "hidden-add",
							disabled: o,
							title: "Add a hidden layer before the output (as wide as the last one)",
							onClick: () => t({
								kind: "hidden",
								delta: 1
							}),
							children: "+"
						})
					]
				}),
				n.length > 1 && !o && /* @__PURE__ */ (0, b.jsxs)("button", {
					type: "button",
					"data-action": "make-block",
					title: "Rename the chosen consecutive layers into one block",
					onClick: () => {
						t({
							kind: "block",
							nodes: n
						}), a();
					},
					children: ["make a block of ", n.length]
				}),
				c && !o && /* @__PURE__ */ (0, b.jsxs)("button", {
					type: "button",
					"data-action": "sync",
					title: `Give ${c.id}'s settings to the same layer in every copy`,
					onClick: () => t({
						kind: "sync",
						id: c.id
					}),
					children: [
						"apply to ",
						c.copies,
						" cop",
						c.copies === 1 ? "y" : "ies"
					]
				}),
				e.grouped && (e.collapsed.length > 0 ? /* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "expand-all",
					title: "Show every block's layers",
					onClick: () => t({
						kind: "collapse",
						id: "*",
						collapsed: !1
					}),
					children: "▾ expand blocks"
				}) : /* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "collapse-all",
					title: "Show each block as one node",
					onClick: () => t({
						kind: "collapse",
						id: "*",
						collapsed: !0
					}),
					children: "▸ collapse blocks"
				}))
			]
		}), /* @__PURE__ */ (0, b.jsxs)("div", {
			className: "nb-tools",
			children: [
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "undo",
					title: "Undo (Ctrl+Z)",
					disabled: o,
					onClick: () => t({ kind: "undo" }),
					children: "↶"
				}),
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "redo",
					title: "Redo (Ctrl+Shift+Z)",
					disabled: o,
					onClick: () => t({ kind: "redo" }),
					children: "↷"
				}),
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "layout-tb",
					title: "Lay out top to bottom",
					disabled: o,
					"aria-pressed": e.direction === "TB",
					onClick: () => t({
						kind: "layout",
						direction: "TB"
					}),
					children: "⇣"
				}),
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "layout-lr",
					title: "Lay out left to right",
					disabled: o,
					"aria-pressed": e.direction === "LR",
					onClick: () => t({
						kind: "layout",
						direction: "LR"
					}),
					children: "⇢"
				}),
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "zoom-out",
					title: "Zoom out",
					onClick: () => i(.8),
					children: "−"
				}),
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "zoom-in",
					title: "Zoom in",
					onClick: () => i(1.25),
					children: "+"
				}),
				/* @__PURE__ */ (0, b.jsx)("button", {
					type: "button",
					"data-action": "fit",
					title: "Fit the network in view (as far as its text stays readable)",
					onClick: r,
					children: "fit"
				})
			]
		})]
	});
}
// src/WireEdge.tsx
var Mp = 14, Np = 8;
function Pp(e) {
	let t = `M ${e[0][0]} ${e[0][1]}`;
	for (let n = 1; n < e.length - 1; n++) {
		let [r, i] = e[n - 1], [a, o] = e[n], [s, c] = e[n + 1], l = Math.min(Np, Math.hypot(a - r, o - i) / 2), u = Math.min(Np, Math.hypot(s - a, c - o) / 2), d = [a - Math.sign(a - r) * l, o - Math.sign(o - i) * l], f = [a + Math.sign(s - a) * u, o + Math.sign(c - o) * u];
		t += ` L ${d[0]} ${d[1]} Q ${a} ${o} ${f[0]} ${f[1]}`;
	}
	let [n, r] = e[e.length - 1];
	return `${t} L ${n} ${r}`;
}
function Fp(e, t, n, r, i, a) {
	return Pp(a ? [
		[e, t],
		[e + Mp, t],
		[e + Mp, i],
		[n - Mp, i],
		[n - Mp, r],
		[n, r]
	] : [
		[e, t],
		[e, t + Mp],
		[i, t + Mp],
		[i, r - Mp],
		[n, r - Mp],
		[n, r]
	]);
}
function Ip(e) {
	let { id: t, source: n, target: r, sourceX: i, sourceY: a, targetX: o, targetY: s, sourcePosition: c, targetPosition: l, data: u, selected: d, markerEnd: f } = e, { emit: p, readOnly: m, direction: h } = (0, v.useContext)(tp), [g, _] = (0, v.useState)(!1), y = h === "LR", x = u?.lane ?? null, S, C, w;
	x === null ? [S, C, w] = Cs({
		sourceX: i,
		sourceY: a,
		sourcePosition: c,
		targetX: o,
		targetY: s,
		targetPosition: l
	}) : (S = Fp(i, a, o, s, x, y), [C, w] = y ? [(i + o) / 2, x] : [x, (a + s) / 2]);
	let [T, E] = ["translate(6px, -50%)", "translate(calc(-100% - 6px), -50%)"], D = y ? "translate(-50%, calc(-100% - 3px))" : x === null ? T : E, O = y ? "translate(-50%, 4px)" : x === null ? E : T, k = `${n}->${r}`, A = u?.width ?? 1.5, j = u?.sample ? "#fb923c" : "#94a3b8", M = () => p({
		kind: "delete",
		nodes: [],
		edges: (u?.wires ?? [[n, r]]).map(([e, t]) => ({
			source: e,
			target: t
		}))
	});
	return /* @__PURE__ */ (0, b.jsxs)("g", {
		"data-edge": k,
		"data-sample": u?.sample ? "true" : void 0,
		"data-width": A,
		onMouseEnter: () => _(!0),
		onMouseLeave: () => _(!1),
		children: [/* @__PURE__ */ (0, b.jsx)(hd, {
			id: t,
			path: S,
			markerEnd: f,
			interactionWidth: 18,
			style: {
				strokeWidth: A,
				stroke: d ? "#2563eb" : g ? "#64748b" : j
			}
		}), /* @__PURE__ */ (0, b.jsxs)(_f, { children: [u?.label && /* @__PURE__ */ (0, b.jsx)("div", {
			className: `nb-edge-label${x !== null && !y ? " nb-lane-label" : ""}${u.sample ? " nb-sample-label" : ""}`,
			"data-edge-label": k,
			title: u.sample ? "shape · this sample's activation size there (RMS)" : void 0,
			style: { transform: `translate(${C}px, ${w}px) ${D}` },
			children: u.label
		}), (d || g) && !m && /* @__PURE__ */ (0, b.jsx)("button", {
			type: "button",
			className: "nb-edge-delete nodrag nopan",
			"data-edge-delete": k,
			title: "Delete this wire",
			style: { transform: `translate(${C}px, ${w}px) ${O}` },
			onMouseEnter: () => _(!0),
			onMouseLeave: () => _(!1),
			onClick: (e) => {
				e.stopPropagation(), M();
			},
			children: "×"
		})] })]
	});
}
var Lp = (0, v.memo)(Ip), Rp = {
	layer: wp,
	block: Dp,
	frame: kp
}, zp = { wire: Lp }, Bp = 14, Vp = 11 / 12, Hp = 1.1, Up = 12, Wp = 80;
function Gp(e, t) {
	let [n, r, i, a] = e, [o, s] = [Math.max(1, i - n), Math.max(1, a - r)], c = {
		width: t.width - 24,
		height: t.height - 24
	}, l = Math.max(Vp, Math.min(c.width / o, c.height / s, Hp));
	return {
		x: o * l <= c.width ? (t.width - o * l) / 2 - n * l : Up - n * l,
		y: s * l <= c.height ? (t.height - s * l) / 2 - r * l : Up - r * l,
		zoom: l
	};
}
function Kp(e, t, n, r) {
	let i = e.frames.map((e) => ({
		id: `frame:${e.id}`,
		type: "frame",
		position: {
			x: e.box[0],
			y: e.box[1]
		},
		data: { ...e },
		width: e.box[2],
		height: e.box[3],
		selectable: !1,
		draggable: !1,
		connectable: !1,
		focusable: !1,
		deletable: !1,
		zIndex: -1 - (2 - e.level),
		className: "nb-frame-node"
	})), a = n.size > 1, o = e.nodes.map((i) => {
		let o = JSON.stringify(i), s = r.get(i.id);
		s && s.json === o || (s = {
			json: o,
			data: { ...i }
		}, r.set(i.id, s));
		let c = i.kind === "group";
		return {
			id: i.id,
			type: c ? "block" : "layer",
			position: t.get(i.id) ?? {
				x: i.position[0],
				y: i.position[1]
			},
			data: s.data,
			selected: a ? n.has(i.id) : e.selected === i.id,
			deletable: i.deletable && !e.read_only && !i.locked,
			draggable: !e.read_only && !c && !i.locked,
			connectable: !c && !i.locked
		};
	});
	return [...i, ...o];
}
function qp(e, t) {
	return e.edges.map((n) => {
		let r = `${n.source}->${n.target}`;
		return {
			id: r,
			source: n.source,
			target: n.target,
			type: "wire",
			selected: r === t,
			data: {
				label: n.label,
				width: n.width,
				lane: n.lane,
				wires: n.wires,
				sample: !!n.sample
			},
			deletable: !e.read_only,
			markerEnd: {
				type: xo.ArrowClosed,
				width: 14,
				height: 14,
				color: "#94a3b8"
			}
		};
	});
}
function Jp(e, t, n, r) {
	let i = null;
	e.querySelectorAll("g[data-edge]").forEach((e) => {
		let r = e.querySelector("path.react-flow__edge-path");
		if (!r) return;
		let a = r.getTotalLength();
		for (let o = 0; o <= a; o += 4) {
			let a = r.getPointAtLength(o), s = Math.hypot(a.x - t, a.y - n);
			(!i || s < i.d) && (i = {
				d: s,
				name: e.dataset.edge ?? ""
			});
		}
	});
	let a = i;
	return a && a.d <= Bp / r ? a.name : null;
}
function Yp(e, t) {
	let n = cu(), r = (0, v.useRef)(!1), [i, a] = (0, v.useState)(null), o = (0, v.useCallback)((r = 0) => {
		let i = t.current?.querySelector(".react-flow");
		i && i.clientWidth > 0 && i.clientHeight > 0 && n.setViewport(Gp(e.bounds, {
			width: i.clientWidth,
			height: i.clientHeight
		}), { duration: r });
	}, [
		n,
		e.bounds,
		t
	]);
	(0, v.useEffect)(() => {
		let e = t.current?.querySelector(".react-flow");
		if (!e) return;
		let n = new ResizeObserver(() => a({
			width: e.clientWidth,
			height: e.clientHeight
		}));
		return n.observe(e), () => n.disconnect();
	}, [t]);
	let s = (0, v.useRef)(null), c = e.bounds.join(",");
	(0, v.useEffect)(() => {
		i && (s.current !== e.fit_token && (s.current = e.fit_token, r.current = !1), r.current || o());
	}, [
		e.fit_token,
		c,
		i,
		o
	]);
	let [l, u, d, f] = e.bounds;
	return {
		fit: o,
		touched: r,
		overflows: !!i && ((d - l) * .9166666666666666 > i.width - 24 || (f - u) * .9166666666666666 > i.height - 24)
	};
}
function Xp(e, t) {
	let n = yf(), r = (0, v.useRef)(!1);
	(0, v.useEffect)(() => {
		e.report_drawn && !r.current && (n || e.nodes.length === 0) && (r.current = !0, requestAnimationFrame(() => window.setTimeout(() => t({ kind: "drawn" }), 0)));
	}, [
		e.report_drawn,
		e.nodes.length,
		n,
		t
	]);
}
function Zp(e, t) {
	let n = cu(), r = (0, v.useRef)(null);
	(0, v.useEffect)(() => {
		let i = r.current;
		if (r.current = {
			selected: e.selected,
			token: e.fit_token
		}, !i || i.token !== e.fit_token || !e.selected || i.selected === e.selected) return;
		let a = e.nodes.find((t) => t.id === e.selected), o = t.current?.querySelector(".react-flow");
		if (!a || !o) return;
		let { x: s, y: c, zoom: l } = n.getViewport(), [u, d] = e.card, f = (e, t, n) => e < Up ? Up - e : e + t > n - Up ? Math.max(Up - e, n - Up - e - t) : 0, p = f(a.position[0] * l + s, u * l, o.clientWidth), m = f(a.position[1] * l + c, d * l, o.clientHeight);
		(p || m) && n.setViewport({
			x: s + p,
			y: c + m,
			zoom: l
		}, { duration: 150 });
	}, [
		e,
		n,
		t
	]);
}
function Qp({ graph: e, emit: t, renderId: n }) {
	let r = cu(), i = (0, v.useRef)(null), a = (0, v.useRef)(/* @__PURE__ */ new Map()), o = (0, v.useRef)(/* @__PURE__ */ new Map()), [s, c] = (0, v.useState)(null), [l, u] = (0, v.useState)(/* @__PURE__ */ new Set()), [d, f] = (0, v.useState)(() => Kp(e, a.current, l, o.current)), p = (0, v.useMemo)(() => qp(e, s), [e, s]), m = e.read_only, { fit: h, touched: g, overflows: _ } = Yp(e, i);
	Zp(e, i), Xp(e, t), (0, v.useEffect)(() => {
		f(Kp(e, a.current, l, o.current));
	}, [
		e,
		n,
		l
	]), (0, v.useEffect)(() => {
		u((t) => t.size && [...t].some((t) => !e.nodes.some((e) => e.id === t)) ? /* @__PURE__ */ new Set() : t);
	}, [e]);
	let y = (0, v.useCallback)((e) => {
		let t = e.filter((e) => e.type === "select");
		t.length && u((e) => {
			let n = new Set(e);
			for (let e of t) e.type === "select" && (e.selected ? n.add(e.id) : n.delete(e.id));
			return n;
		}), f((t) => {
			let n = new Map(t.map((e) => [e.id, e]));
			for (let t of e) if (t.type === "position" && t.position) {
				let e = n.get(t.id);
				e && n.set(t.id, {
					...e,
					position: t.position
				}), t.dragging && a.current.set(t.id, t.position);
			} else if (t.type === "dimensions") {
				let e = n.get(t.id);
				e && t.dimensions && n.set(t.id, {
					...e,
					measured: t.dimensions
				});
			}
			return t.map((e) => n.get(e.id) ?? e);
		});
	}, []), x = (0, v.useCallback)((e, n, r) => {
		let i = {};
		for (let e of r) i[e.id] = [Math.round(e.position.x * 10) / 10, Math.round(e.position.y * 10) / 10], a.current.delete(e.id);
		t({
			kind: "move",
			positions: i
		});
	}, [t]), S = (0, v.useCallback)((t) => !t.source || !t.target || t.source === t.target || t.target === "input" || t.source.includes(":") || t.target.includes(":") ? !1 : !e.edges.some((e) => e.source === t.source && e.target === t.target), [e.edges]), C = (0, v.useCallback)((e) => {
		e.source && e.target && t({
			kind: "connect",
			source: e.source,
			target: e.target
		});
	}, [t]), w = (0, v.useCallback)(({ nodes: e, edges: n }) => {
		let r = e.filter((e) => e.type === "layer" && e.data.deletable).map((e) => e.id), i = n.filter((e) => !r.includes(e.source) && !r.includes(e.target)).flatMap((e) => e.data?.wires ?? [[e.source, e.target]]).map(([e, t]) => ({
			source: e,
			target: t
		}));
		(r.length || i.length) && t({
			kind: "delete",
			nodes: r,
			edges: i
		}), c(null), u(/* @__PURE__ */ new Set());
	}, [t]), T = (0, v.useCallback)((e) => {
		m || (e.preventDefault(), e.dataTransfer.dropEffect = "copy");
	}, [m]), E = (0, v.useCallback)((n) => {
		if (m) return;
		let a = n.dataTransfer.getData("application/x-netbuilder-layer") || n.dataTransfer.getData("text/plain");
		if (!a) return;
		n.preventDefault();
		let o = r.screenToFlowPosition({
			x: n.clientX,
			y: n.clientY
		}), s = i.current ? Jp(i.current, o.x, o.y, r.getZoom()) : null, c = s ? e.edges.find((e) => `${e.source}->${e.target}` === s)?.wires[0] : void 0, [l, u] = e.card;
		t({
			kind: "add",
			type: a,
			position: [Math.round(o.x - l / 2), Math.round(o.y - u / 2)],
			edge: c ? {
				source: c[0],
				target: c[1]
			} : null
		});
	}, [
		t,
		r,
		m,
		e.edges,
		e.card
	]), D = (0, v.useCallback)((e) => {
		let n = e.target;
		if (n.tagName === "INPUT" || n.tagName === "TEXTAREA" || m) return;
		let r = e.ctrlKey || e.metaKey;
		r && e.key.toLowerCase() === "z" ? (e.preventDefault(), t({ kind: e.shiftKey ? "redo" : "undo" })) : r && e.key.toLowerCase() === "y" && (e.preventDefault(), t({ kind: "redo" }));
	}, [t, m]), O = (0, v.useMemo)(() => ({
		emit: t,
		direction: e.direction,
		readOnly: m,
		selectedEdge: s,
		card: e.card,
		panel: e.panel
	}), [
		t,
		e.direction,
		m,
		s,
		e.card,
		e.panel
	]), k = [...l].filter((t) => e.nodes.some((e) => e.id === t && e.kind === "layer"));
	return /* @__PURE__ */ (0, b.jsxs)(tp.Provider, {
		value: O,
		children: [/* @__PURE__ */ (0, b.jsxs)("div", {
			className: "nb-side",
			children: [
				e.palette.length > 0 && /* @__PURE__ */ (0, b.jsx)(Ap, {
					groups: e.palette,
					emit: t,
					readOnly: e.read_only
				}),
				e.legend && /* @__PURE__ */ (0, b.jsxs)("div", {
					className: "nb-legend",
					"data-legend": "",
					children: [
						/* @__PURE__ */ (0, b.jsx)("div", {
							className: "nb-legend-title",
							children: e.legend.title
						}),
						/* @__PURE__ */ (0, b.jsx)("div", {
							className: "nb-legend-bar",
							style: { background: `linear-gradient(to right, ${e.legend.colors.join(", ")})` }
						}),
						/* @__PURE__ */ (0, b.jsxs)("div", {
							className: "nb-legend-ends",
							children: [/* @__PURE__ */ (0, b.jsx)("span", { children: e.legend.lo }), /* @__PURE__ */ (0, b.jsx)("span", { children: e.legend.hi })]
						})
					]
				}),
				_ && /* @__PURE__ */ (0, b.jsx)("div", {
					className: "nb-map",
					children: /* @__PURE__ */ (0, b.jsx)(Zf, {
						pannable: !0,
						zoomable: !0,
						position: "bottom-left",
						ariaLabel: "Map of the network",
						nodeStrokeWidth: 0,
						nodeColor: (e) => e.type === "frame" ? "rgba(165, 180, 252, 0.3)" : e.type === "block" ? "#818cf8" : "#94a3b8",
						maskColor: "rgba(226, 232, 240, 0.55)",
						onClick: () => {
							g.current = !0;
						}
					})
				})
			]
		}), /* @__PURE__ */ (0, b.jsxs)("div", {
			className: "nb-flow",
			ref: i,
			onDragOver: T,
			onDrop: E,
			onKeyDown: D,
			tabIndex: 0,
			children: [/* @__PURE__ */ (0, b.jsx)(jp, {
				graph: e,
				emit: t,
				chosen: k,
				fit: () => {
					g.current = !1, h(200);
				},
				zoom: (e) => {
					g.current = !0, e > 1 ? r.zoomIn() : r.zoomOut();
				},
				clearChosen: () => u(/* @__PURE__ */ new Set())
			}), /* @__PURE__ */ (0, b.jsx)("div", {
				className: "nb-pane",
				children: /* @__PURE__ */ (0, b.jsxs)(hf, {
					nodes: d,
					edges: p,
					nodeTypes: Rp,
					edgeTypes: zp,
					onNodesChange: y,
					onNodeDragStop: x,
					onConnect: C,
					isValidConnection: S,
					onDelete: w,
					onNodeClick: (e, n) => {
						c(null), n.type === "frame" || e.shiftKey || e.metaKey || e.ctrlKey || (u(/* @__PURE__ */ new Set([n.id])), t({
							kind: "select",
							id: n.id
						}));
					},
					onEdgeClick: (e, t) => c(t.id),
					onPaneClick: () => {
						c(null), u(/* @__PURE__ */ new Set()), e.selected && t({
							kind: "select",
							id: null
						});
					},
					deleteKeyCode: m ? null : ["Backspace", "Delete"],
					nodesConnectable: !m,
					multiSelectionKeyCode: [
						"Shift",
						"Meta",
						"Control"
					],
					onMoveStart: (e) => {
						e && (g.current = !0);
					},
					panOnScroll: !0,
					zoomOnScroll: !1,
					zoomOnPinch: !0,
					onlyRenderVisibleElements: e.nodes.length >= Wp,
					minZoom: .1,
					maxZoom: 2.5,
					proOptions: { hideAttribution: !0 },
					defaultEdgeOptions: { type: "wire" },
					connectionRadius: 28,
					children: [/* @__PURE__ */ (0, b.jsx)(Ef, {
						gap: 18,
						size: 1,
						color: "#e2e8f0"
					}), e.message && /* @__PURE__ */ (0, b.jsx)(xl, {
						position: "top-left",
						className: "nb-message-panel",
						children: e.message
					})]
				})
			})]
		})]
	});
}
function $p({ graph: e, emit: t, renderId: n }) {
	return /* @__PURE__ */ (0, b.jsx)("div", {
		className: "nb-canvas",
		style: { height: e.height ?? 560 },
		children: /* @__PURE__ */ (0, b.jsx)(df, { children: /* @__PURE__ */ (0, b.jsx)(Qp, {
			graph: e,
			emit: t,
			renderId: n
		}) })
	});
}
// src/index.tsx
var em = /* @__PURE__ */ new WeakMap(), tm = 1e3;
function nm() {
	return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
function rm(e, t) {
	let n = e.querySelector(".nb-canvas-root");
	return n ? (t.parentNode !== n && n.appendChild(t), !0) : !1;
}
var im = ({ data: e, parentElement: t, setTriggerValue: n }) => {
	let r = Array.isArray(e) ? e[0] : e;
	if (!r) return;
	let i = em.get(t);
	if (!i) {
		let e = document.createElement("div");
		e.style.height = "100%";
		let n = new MutationObserver(() => rm(t, e));
		n.observe(t, { childList: !0 }), i = {
			root: (0, y.createRoot)(e),
			box: e,
			watch: n,
			renders: 0
		}, em.set(t, i);
	}
	if (!rm(t, i.box)) return;
	i.renders += 1, i.root.render(/* @__PURE__ */ (0, b.jsx)($p, {
		graph: r,
		emit: (e) => n("event", {
			...e,
			nonce: nm()
		}),
		renderId: i.renders
	}));
	let a = i.renders;
	return () => {
		window.setTimeout(() => {
			let e = em.get(t);
			e && e.renders === a && (e.watch.disconnect(), e.root.unmount(), em.delete(t));
		}, tm);
	};
};
export { im as default };
