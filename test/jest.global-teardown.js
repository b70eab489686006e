module.exports = async () => {
  await globalThis.__ceeHubTestServer?.stop();
};
