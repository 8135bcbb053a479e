// WeChat's built-in components as a phone draws them, for miniprogram-simulate's browser build. simulate
// knows input, textarea, switch, radio, checkbox, picker, label and button only as empty tags: it drops
// the properties a page binds (value, placeholder, disabled, checked) and nothing happens on a tap.
// Each is registered here as a component with WeChat's properties that draws a real control inside its
// element and reports to the page exactly as WeChat does (input and change events with detail.value,
// a radio-group's change with the chosen value, a label toggling its control, a share button asking
// the page for its card).
(function () {
  const sim = window.simulate;
  /** The DOM element simulate made for a component instance. */
  const domOf = (caller) => caller._exparserNode && caller._exparserNode.$$;
  /** The component instance (its methods and data) behind a DOM element, if it is one of ours. */
  const callerOf = (el) => el && el.__wxElement && el.__wxElement.__methodCaller;
  const isOff = (v) => v === false || v === 'false' || v === undefined || v === null || v === '';
  const on = (v) => !isOff(v);
  /** Puts a real control inside the component's element, lets `wire` connect its events, and draws it. */
  const attachReal = (caller, tag, className, wire) => {
    const real = document.createElement(tag);
    real.className = className;
    wire(real);
    domOf(caller).appendChild(real);
    caller._real = real;
    caller.draw();
  };

  function field(kind) {
    return {
      id: kind,
      tagName: `wx-${kind}`,
      template: '<slot/>',
      properties:
        kind === 'input'
          ? { value: null, placeholder: String, disabled: Boolean, type: String, maxlength: { type: Number, value: 140 }, password: Boolean, focus: Boolean, confirmType: String }
          : { value: null, placeholder: String, disabled: Boolean, maxlength: { type: Number, value: 140 }, autoHeight: Boolean, focus: Boolean },
      observers: {
        'value, placeholder, disabled, maxlength, type'() {
          this.draw();
        },
      },
      lifetimes: {
        attached() {
          attachReal(this, kind === 'textarea' ? 'textarea' : 'input', 'pv-real', (real) => {
            real.addEventListener('input', () => this.triggerEvent('input', { value: real.value, cursor: real.selectionStart }));
            real.addEventListener('focus', () => this.triggerEvent('focus', { value: real.value }));
            real.addEventListener('blur', () => this.triggerEvent('blur', { value: real.value }));
            real.addEventListener('change', () => this.triggerEvent('confirm', { value: real.value }));
          });
        },
      },
      methods: {
        draw() {
          const real = this._real;
          if (!real) return;
          const d = this.data;
          const value = d.value === null || d.value === undefined ? '' : String(d.value);
          // A phone keeps the caret where it is while the page echoes what was typed.
          if (real.value !== value) real.value = value;
          real.placeholder = d.placeholder || '';
          real.disabled = on(d.disabled);
          // WeChat's default maxlength is 140; -1 or 0 means no limit.
          if (d.maxlength > 0) real.maxLength = d.maxlength;
          else real.removeAttribute('maxlength');
          // Number inputs stay text fields, as WeChat's number keyboard still hands the page a string.
          if (kind === 'input') real.type = d.password ? 'password' : 'text';
          if (kind === 'input' && (d.type === 'number' || d.type === 'digit' || d.type === 'idcard')) real.inputMode = d.type === 'idcard' ? 'text' : d.type === 'digit' ? 'decimal' : 'numeric';
          domOf(this).classList.toggle('pv-disabled', on(d.disabled));
        },
      },
    };
  }

  /** A control that a tap toggles: switch, radio, checkbox. */
  function toggle(kind) {
    return {
      id: kind,
      tagName: `wx-${kind}`,
      template: '<slot/>',
      properties: { value: null, checked: Boolean, disabled: Boolean, color: String, type: String },
      observers: {
        checked(v) {
          this._on = on(v);
          this.draw();
        },
        disabled() {
          this.draw();
        },
      },
      lifetimes: {
        attached() {
          const host = domOf(this);
          host.classList.add(kind === 'switch' ? 'pv-switch-host' : `pv-${kind}`);
          if (kind === 'switch') {
            const knob = document.createElement('span');
            knob.className = 'pv-switch';
            host.appendChild(knob);
          }
          this._on = on(this.data.checked);
          host.__pvToggle = () => this.toggled();
          host.addEventListener('click', (e) => {
            e.stopPropagation();
            this.toggled();
          });
          this.draw();
        },
      },
      methods: {
        draw() {
          const host = domOf(this);
          if (!host) return;
          host.classList.toggle('pv-on', !!this._on);
          host.classList.toggle('pv-disabled', on(this.data.disabled));
          host.setAttribute('role', kind === 'radio' ? 'radio' : kind === 'checkbox' ? 'checkbox' : 'switch');
          host.setAttribute('aria-checked', this._on ? 'true' : 'false');
        },
        toggled() {
          if (on(this.data.disabled)) return;
          const host = domOf(this);
          if (kind === 'switch') {
            this._on = !this._on;
            this.draw();
            this.triggerEvent('change', { value: this._on });
            return;
          }
          const group = host.closest(kind === 'radio' ? 'wx-radio-group' : 'wx-checkbox-group');
          if (kind === 'radio') {
            if (this._on) return;
            if (group) for (const r of group.querySelectorAll('wx-radio')) if (r !== host && callerOf(r)) Object.assign(callerOf(r), { _on: false }).draw();
            this._on = true;
          } else {
            this._on = !this._on;
          }
          this.draw();
          const groupCaller = callerOf(group);
          if (!groupCaller) return;
          const value =
            kind === 'radio'
              ? this.data.value
              : [...group.querySelectorAll('wx-checkbox')].map(callerOf).filter((c) => c && c._on).map((c) => c.data.value);
          groupCaller.triggerEvent('change', { value });
        },
      },
    };
  }

  const picker = {
    id: 'picker',
    tagName: 'wx-picker',
    template: '<slot/>',
    properties: { mode: { type: String, value: 'selector' }, value: null, start: String, end: String, disabled: Boolean, range: Array, rangeKey: String, fields: String },
    observers: {
      'value, range, disabled'() {
        this.draw();
      },
    },
    lifetimes: {
      attached() {
        const mode = this.data.mode;
        attachReal(this, mode === 'selector' ? 'select' : 'input', 'pv-picker', (real) => {
          if (mode === 'date') real.type = 'date';
          else if (mode === 'time') real.type = 'time';
          real.addEventListener('change', () => this.triggerEvent('change', { value: mode === 'selector' ? Number(real.value) : real.value }));
        });
      },
    },
    methods: {
      draw() {
        const real = this._real;
        if (!real) return;
        const d = this.data;
        if (d.mode === 'selector') {
          const labels = (d.range || []).map((r) => (d.rangeKey && r && typeof r === 'object' ? r[d.rangeKey] : r));
          if (real.options.length !== labels.length || [...real.options].some((o, i) => o.textContent !== String(labels[i]))) {
            real.innerHTML = '';
            labels.forEach((label, i) => {
              const o = document.createElement('option');
              o.value = String(i);
              o.textContent = String(label);
              real.appendChild(o);
            });
          }
          real.value = String(Number(d.value) || 0);
        } else {
          real.value = d.value ? String(d.value) : '';
          if (d.start) real.min = d.start;
          if (d.end) real.max = d.end;
        }
        real.disabled = on(d.disabled);
      },
    },
  };

  // A tap on a label goes to its control (by `for`, else the first control inside), as WeChat does.
  const label = {
    id: 'label',
    tagName: 'wx-label',
    template: '<slot/>',
    properties: { for: String },
    lifetimes: {
      attached() {
        const host = domOf(this);
        host.addEventListener('click', (e) => {
          if (e.target.closest('wx-radio, wx-checkbox, wx-switch, wx-input, wx-textarea, wx-button')) return;
          const target = this.data.for
            ? [...document.querySelectorAll('#screen *')].find((el) => el.dataset && el.dataset.wxId === this.data.for)
            : host.querySelector('wx-radio, wx-checkbox, wx-switch');
          if (target && target.__pvToggle) target.__pvToggle();
          else if (target && target.querySelector('.pv-real')) target.querySelector('.pv-real').focus();
        });
      },
    },
  };

  // The native button: disabled blocks taps; open-type="share" asks the page for its card and puts it
  // into a chat the person picks (the preview's chat panel); agreePrivacyAuthorization reports agreement.
  const button = {
    id: 'button',
    tagName: 'wx-button',
    template: '<slot/>',
    properties: { openType: String, disabled: Boolean, loading: Boolean, type: String, size: String, plain: Boolean, formType: String },
    observers: {
      disabled(v) {
        const host = domOf(this);
        if (host) host.classList.toggle('pv-disabled', on(v));
      },
    },
    lifetimes: {
      attached() {
        const host = domOf(this);
        host.setAttribute('role', 'button');
        host.classList.toggle('pv-disabled', on(this.data.disabled));
        host.addEventListener(
          'click',
          () => {
            if (on(this.data.disabled)) return;
            const type = this.data.openType;
            if (type === 'share') window.__preview.share({ from: 'button', target: { id: host.dataset.wxId || '', dataset: { ...host.dataset } } });
            else if (type === 'agreePrivacyAuthorization') this.triggerEvent('agreeprivacyauthorization', {});
          },
          true,
        );
      },
    },
  };

  const group = (kind) => ({ id: kind, tagName: `wx-${kind}`, template: '<slot/>', properties: {} });

  // `hidden` on a view hides it, as WeChat draws it (display: none); simulate drops the attribute.
  const view = {
    id: 'view',
    tagName: 'wx-view',
    template: '<slot/>',
    properties: { hidden: Boolean, hoverClass: String },
    observers: {
      hidden(v) {
        const host = domOf(this);
        if (host) host.classList.toggle('pv-hidden', on(v));
      },
    },
    lifetimes: {
      attached() {
        domOf(this).classList.toggle('pv-hidden', on(this.data.hidden));
      },
    },
  };

  for (const def of [view, field('input'), field('textarea'), toggle('switch'), toggle('radio'), toggle('checkbox'), group('radio-group'), group('checkbox-group'), picker, label, button]) sim.load(def);
})();
