# Публичные страницы событий, источников, цитат, проблем, рекомендаций,
# участников и мероприятий; виды записей в результатах поиска.

public-kind-commitment = Обязательство
public-kind-development = Событие
public-kind-source = Источник
public-kind-quote = Цитата
public-kind-concern = Проблема
public-kind-recommendation = Рекомендация
public-kind-actor = Участник
public-kind-occasion = Мероприятие

## Сведения о записи.
public-fact-publisher = Издатель
public-fact-author = Автор
public-fact-language = Язык
public-fact-file = Файл
public-fact-speaker = Кто сказал
public-fact-source = Источник
public-fact-locator = Место в источнике
public-fact-themes = Темы
public-fact-priority = Приоритет
public-fact-responsible = Кому адресована
public-fact-proposed-by = Кто рекомендовал
public-fact-occasion = Мероприятие
public-fact-response = Ответ
public-fact-kind = Вид
public-fact-short-name = Краткое название
public-fact-country = Код страны
public-fact-roles = Должности
public-fact-place = Место
public-fact-organiser = Организатор

## Значения сведений, выбираемых из списка.
public-value-state = Государство
public-value-institution = Учреждение
public-value-person = Лицо
public-value-organisation = Организация
public-value-conference = Конференция
public-value-session = Заседание
public-value-speech = Выступление
public-value-letter = Письмо
public-value-report = Доклад
public-value-other = Другое
public-value-supported = Поддержана
public-value-noted = Принята к сведению
public-value-pending = Ответа пока нет

## Списки связанных записей.
public-section-commitments = Обязательства
public-section-concerns = Проблемы
public-section-sources = Источники
public-section-quotes = Цитаты
public-section-developments = События
public-section-recommendations-citing = Рекомендации, ссылающиеся на него
public-section-answers-commitments = Обязательства, которые она продвинула бы
public-section-answers-concerns = Проблемы, на которые она отвечает
public-section-recommendations = Рекомендации
public-section-occasions = Организованные мероприятия
public-section-promised-here = Обязательства, данные здесь
public-section-recommended-here = Рекомендации, данные здесь

public-add-quote = Добавить цитату из этого источника
public-stored-copy = Сохранённая копия
public-web-address = Веб-адрес
public-nothing-cites = Опубликованных ссылок на эту запись пока нет.
public-record-page = Страница записи и история
