// Every date rule is China Standard Time; pin the zone so local-time APIs agree on every machine.
module.exports = async () => {
  process.env.TZ = 'Asia/Shanghai';
};
