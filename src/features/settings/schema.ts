// The clinic's settings: one zod schema gives the type, the validation and the defaults.
import { z } from 'zod';

const interval = z.object({
  day: z.number().int().min(1).max(7),
  opens: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  closes: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export const weeklyHoursSchema = z.array(interval).max(7 * 6);

const perLocale = (max: number) => z.object({ tr: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

export const clinicSettingsSchema = z.object({
  clinicName: z.string().trim().min(1).max(120),
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().min(5).max(40).regex(/^[+\d][\d\s()./-]*$/),
  email: z.email().max(254),
  mapUrl: z.url({ protocol: /^https?$/ }).max(500),
  openingHours: weeklyHoursSchema,
  whatsappNumber: z.string().regex(/^\d{8,15}$/),
  whatsappHours: weeklyHoursSchema,
  whatsappMessage: perLocale(300).refine((m) => m.tr.includes('{page}') && m.en.includes('{page}')),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }),
  defaultLocale: z.enum(['tr', 'en']),
  ctaLabel: perLocale(40),
});

export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;
export type SettingKey = keyof ClinicSettings;
export const settingKeys = Object.keys(clinicSettingsSchema.shape) as SettingKey[];

/** Settings whose change is sensitive enough to ask for a fresh password or TOTP proof. */
export const sensitiveSettingKeys: readonly SettingKey[] = ['whatsappNumber', 'whatsappMessage'];
