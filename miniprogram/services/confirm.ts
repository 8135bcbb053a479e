/** Asks before something that cannot simply be undone (撤销, 移出名册, 本次上报); resolves true on the confirm button. */
export function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText, confirmColor: '#c8161d', success: (r) => resolve(r.confirm), fail: () => resolve(false) });
  });
}
