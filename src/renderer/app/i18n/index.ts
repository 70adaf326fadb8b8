/**
 * i18next set-up: Vietnamese by default, English available. The chosen language
 * is remembered on this machine; antd's and dayjs's locales follow it.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import type { Locale } from 'antd/es/locale';
import { en } from './en.js';
import { vi } from './vi.js';
import type { Lang } from './lang.js';

export type { Lang };
export const LANGS: readonly Lang[] = ['vi', 'en'];
const STORAGE_KEY = 'ioffice.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}

dayjs.extend(customParseFormat);

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function initI18n(): typeof i18next {
  const lng = storedLang();
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyLang(lng);
  return i18next;
}

function applyLang(lang: Lang): void {
  dayjs.locale(lang);
  document.documentElement.lang = lang;
}

export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts this session
  }
  applyLang(lang);
  await i18next.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'vi';
}

export function antdLocale(lang: Lang): Locale {
  return lang === 'en' ? enUS : viVN;
}
