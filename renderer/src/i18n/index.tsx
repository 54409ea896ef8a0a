// The UI language: Vietnamese by default, English on request, remembered on this machine.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Localized } from '../../../shared/errors';
import { en } from './en';
import { vi, type Messages } from './vi';

export type Lang = keyof Localized;

const MESSAGES: Record<Lang, Messages> = { vi, en };
const STORAGE_KEY = 'sohoa.lang';

export interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
  /** Pick the current language's side of a message that came with both (e.g. ErrorInfo). */
  pick: (text: Localized) => string;
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = MESSAGES[lang].appName;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: MESSAGES[lang],
      locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
      pick: (text) => text[lang],
      setLang: (next) => {
        setLangState(next);
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Storage can be unavailable (private mode); the choice then lasts for this session.
        }
      },
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
