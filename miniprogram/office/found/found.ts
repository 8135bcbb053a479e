// 创建我的单位: the first administrator named in deployment configuration (the `api` function's
// BOOTSTRAP_ADMINS) creates the unit from the app, so going live needs no developer tools console.
// The unit's id comes from that configuration; the person types its name. On success they are the
// unit's administrator and land on 活动办公室 to import the roster. Opens with one call: `me`.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call } from '../../services/api';

Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    tenantId: '',
    name: '',
    errors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async onLoad() {
      const reply = await call('me', {}, { stayWhenUnbound: true });
      if (!reply.ok) return this.setData({ failed: reply.error.message });
      const me = reply.data;
      if (me.bound) return this.setData({ failed: '您的微信已绑定到一个单位，不能再创建新单位。' });
      const tenantId = me.founds?.[0] ?? '';
      if (!tenantId) return this.setData({ failed: '没有可以由您创建的单位：您不是部署时指定的管理员，或单位已经创建（请凭书记或管理员的邀请加入）。' });
      this.setData({ loaded: true, tenantId });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value, 'errors.name': '' });
    },
    async create() {
      const name = this.data.name.trim();
      if (!name) return this.setData({ 'errors.name': '请填写单位名称' });
      this.setData({ busy: true, errors: {} });
      const reply = await call('tenant.bootstrap', { tenantId: this.data.tenantId, name }, { intent: formsOf(this).of('found'), loading: '创建中', stayWhenUnbound: true, quiet: ['TENANT.EXISTS', 'TENANT.ALREADY_BOUND', 'AUTH.FORBIDDEN'] });
      this.setData({ busy: false });
      if (!reply.ok) {
        const issue = reply.error.issues?.find((i) => i.path[0] === 'name');
        return this.setData({ errors: issue ? { name: issue.message } : { form: reply.error.message } });
      }
      formsOf(this).done('found');
      wx.showToast({ title: '单位已创建', icon: 'success' });
      wx.reLaunch({ url: '/office/index/index' });
    },
  },
});
