module.exports = async () => {
  await globalThis.__ceeHubTestDatabase?.stop();
};
