import type { ThemeConfig } from 'antd';

/** A sober government-office look: deep blue primary, system fonts with full Vietnamese coverage. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1a56a8',
    colorLink: '#1a56a8',
    borderRadius: 6,
    fontFamily:
      "'Segoe UI', 'Noto Sans', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: '#0f2d57', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0f2d57', darkItemSelectedBg: '#1a56a8', darkSubMenuItemBg: '#0f2d57' },
  },
};
