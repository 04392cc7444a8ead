# The account page: password, sessions, API tokens.

tokens-title = Ваша учётная запись
tokens-signed-in-as = Вы вошли как { $user }, роль: { $role }.
tokens-password = Пароль
tokens-password-lead = Смена пароля завершает другие ваши сеансы; этот сеанс сохраняется.
tokens-current-password = Текущий пароль
tokens-change-password = Сменить пароль
tokens-sessions = Сеансы
tokens-sessions-lead = Вы вошли там, где вас больше нет, или на чужом компьютере? Завершите все сеансы, включая этот; затем войдите снова.
tokens-sign-out-everywhere = Выйти везде
tokens-api = Ключи API
tokens-api-lead-1 = Ключ позволяет программе работать с
tokens-api-lead-2 = с вашей ролью: передавайте его как
tokens-api-lead-3 = . Срок действия каждого ключа ограничен; отзовите ключ, который больше не нужен или мог быть утерян.
tokens-json-api = JSON API
tokens-new-secret = Ваш новый ключ { $name }. Скопируйте его сейчас: он не хранится и больше не будет показан.
tokens-token = Ключ
tokens-none = У вас нет ключей API.
tokens-col-name = Название
tokens-col-created = Создан
tokens-col-last-used = Последнее использование
tokens-col-expires = Истекает
tokens-col-state = Состояние
tokens-revoked = Отозван { $at }
tokens-expired = Истёк
tokens-active = Действует
tokens-revoke = Отозвать
tokens-revoke-label = Отозвать ключ { $name }
tokens-never = никогда
tokens-new = Новый ключ
tokens-name = Для чего он
tokens-expires-after = Срок действия
tokens-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
    [many] { $n } дней
   *[other] { $n } дня
}
tokens-expires-on = Или в конце этого дня (не более чем на год вперёд; важнее выбора выше)
tokens-expiry = Срок действия
tokens-make = Создать ключ
tokens-at = { $day } { $time } UTC
