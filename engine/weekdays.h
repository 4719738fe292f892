/*
 * weekdays.h: the days of the week an utterance names, for a rule's `weekdays`. The intent
 * line's `days` is one closed word with no span behind it, so the model can hear days nobody
 * said ("every night at 7:45" heard on saturdays, "sunset" heard as sundays) and can keep only
 * one of several ("monday wednesday and friday"); the words said decide instead.
 */
#ifndef ENGINE_WEEKDAYS_H
#define ENGINE_WEEKDAYS_H

#define WEEKDAYS_ALL 0x7fu  /* bit 0 monday ... bit 6 sunday */
#define WEEKDAYS_WORK 0x1fu /* monday to friday */
#define WEEKDAYS_WEEKEND 0x60u /* saturday, sunday */

/* The days the utterance names, bit 0 for monday to bit 6 for sunday: day names and their
 * short forms (mondays, tue, 周一, 星期三, 礼拜天, the run 周一三五), ranges ("monday to
 * thursday", "mon-fri", 周一到周四, 礼拜一至礼拜五), weekdays and work days (工作日),
 * weekends (周末), and every day (每天: WEEKDAYS_ALL). 0 when it names none. */
unsigned weekdays_said(const char *utterance);

#endif
