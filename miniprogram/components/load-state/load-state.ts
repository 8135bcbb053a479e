// One pattern for a screen that has nothing to show (issue 22): what went wrong and a 重试 when it failed to
// load, or what will appear here and the next step when it is empty. Pages pass the words; this draws them
// the same way everywhere and reports the tap as `action`.
Component({
  properties: {
    /** 'error': the screen did not load; 'empty': it loaded and has nothing yet. */
    kind: { type: String, value: 'empty' },
    /** The headline: 「点评没有加载出来」, 「还没有收到点评」. */
    title: { type: String, value: '' },
    /** Why, or what will appear here: the api's message, or a sentence on what comes next. */
    detail: { type: String, value: '' },
    /** The button's words (「重试」, 「去看承诺」); no button when empty. */
    action: { type: String, value: '' },
  },
  methods: {
    onAction() {
      this.triggerEvent('action');
    },
  },
});
