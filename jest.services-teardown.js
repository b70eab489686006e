module.exports = async () => {
  await globalThis.__ceeHubTestTemporal?.stop();
  await globalThis.__ceeHubTestDatabase?.stop();
};
