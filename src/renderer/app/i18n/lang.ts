/** The UI languages, in a module of their own so plain-Node tests can name the type without loading i18next. */
export type Lang = 'vi' | 'en';
