/** No .env and no NETRA_* variable: a fresh clone. */
export const NO_STAGING_ENV = {
  NETRA_FRONTEND_URL: '',
  NETRA_API_URL: '',
  NETRA_WS_URL: '',
  NETRA_AUTH_URL: '',
  NETRA_JWT_SECRET: '',
  NETRA_E2E_TOKEN: '',
  DOTENV_CONFIG_PATH: '/nonexistent/.env',
};
