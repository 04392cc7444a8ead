# Por qué se rechaza un valor, un formulario o una acción. El motivo sigue
# al nombre del campo («Compromiso: no puede estar vacío»), por eso casi
# todos empiezan en minúscula.

## Errores del registro.
reason-invalid-input = datos no aceptados:
reason-not-found = no se encontró el registro ({ $kind })
reason-changed = el registro cambió mientras se comprobaba este cambio (otra persona guardó en el mismo momento); no se escribió nada, inténtelo de nuevo
reason-dangling-reference = { $field }: remite a un registro ({ $kind }) que no existe o se eliminó
reason-refers-to-missing = remite a un registro que no existe o se eliminó

## Texto.
reason-empty = no puede estar vacío
reason-blank-optional = no puede contener solo espacios (déjelo vacío)
reason-too-long = tiene { $chars } { $chars ->
    [one] carácter
   *[other] caracteres
}; se admiten como máximo { $max }
reason-control-character = contiene el carácter de control U+{ $code }, que aquí no se admite
reason-country-code = «{ $value }» no es un código ISO 3166-1 alfa-2 (dos letras mayúsculas)
reason-web-address = «{ $value }» no es una dirección web (se espera http:// o https:// y sin espacios)
reason-email = «{ $value }» no es una dirección de correo electrónico (una sola «@», sin espacios, un punto en el dominio)
reason-address-lines = tiene { $lines } { $lines ->
    [one] línea
   *[other] líneas
}; una dirección tiene como máximo { $max }
reason-language-tag = «{ $value }» no es un código de idioma (por ejemplo, en, ru, fr-CH)
reason-slug = «{ $value }» no es un identificador de dirección (de 1 a 100 letras minúsculas, cifras y guiones interiores)
reason-sha256 = «{ $value }» no es un resumen SHA-256 (se esperan 64 cifras hexadecimales en minúscula)
reason-id = «{ $value }» no es un identificador (se espera un UUID)
reason-not-a-choice = «{ $value }» no es una opción de esta lista
reason-unknown-name = «{ $value }» no es { $what } (valores admitidos: { $expected })
reason-what-scale = una escala conocida
reason-what-entity-kind = un tipo de registro
reason-what-actor-kind = un tipo de actor
reason-what-candidate-status = un estado de borrador
reason-what-origin = un origen de compromiso
reason-what-timing-kind = un tipo de plazo
reason-what-spelling = una convención ortográfica
reason-what-direction = una dirección
reason-what-occasion-kind = un tipo de evento
reason-what-priority = una prioridad
reason-what-response = una respuesta
reason-not-a-status = «{ $value }» no es un estado de la escala «{ $scale }» (valores admitidos: { $expected })
reason-scale-version = la versión { $version } de la escala «{ $scale }» es desconocida (versión actual: { $current })

## Fechas.
reason-date = «{ $value }» no es una fecha: { $why } (se espera AAAA, AAAA-MM, AAAA-Qn o AAAA-MM-DD)
reason-date-bad-year = año incorrecto
reason-date-bad-quarter = trimestre incorrecto
reason-date-quarter-range = el trimestre va de Q1 a Q4
reason-date-bad-month = mes incorrecto
reason-date-no-such-month = ese mes no existe
reason-date-bad-day = día incorrecto
reason-date-no-such-day = ese día no existe en el calendario
reason-date-too-many-parts = demasiadas partes
reason-day = «{ $value }» no es un día (se espera AAAA-MM-DD)
reason-date-precision = «{ $value }» no es una precisión de fecha (se espera day, month, quarter o year)
reason-period-order = termina ({ $until }) antes de empezar ({ $from })
reason-deadline-before-made = el plazo ({ $deadline }) es anterior a la fecha del compromiso ({ $made })
reason-milestone-deadline-before-made = el plazo ({ $deadline }, según el hito «{ $milestone }») es anterior a la fecha del compromiso ({ $made })
reason-role-of-itself = un cargo no puede ser del mismo actor que lo ocupa
reason-role-loop = { $name } ya ocupa un cargo de este actor, directamente o a través de otros ({ $path }, cada uno con un cargo del siguiente): los cargos no pueden formar un círculo
reason-published-role-loop = publicar esto haría que los cargos de los actores publicados formaran un círculo: { $loops }; publique antes el cambio que rompe el círculo
reason-published-role-loop-one = «{ $label }» ocuparía un cargo que lleva de vuelta a { $name }, quien en los registros publicados ocupa un cargo de este actor, directamente o a través de otros ({ $path }, cada uno con un cargo del siguiente)
reason-earlier-version-not-before = una versión anterior con fecha { $date } no es anterior a la fecha del texto actual ({ $field }: { $current })
reason-earlier-versions-same-day = dos versiones anteriores tienen la fecha { $date }
reason-revision-needs-day = el texto actual vale a fecha de { $current }: indique la fecha a la que vale el nuevo texto
reason-revision-not-after-earlier = { $day } no es posterior a la versión anterior de { $earlier }: la fecha de un texto debe ser posterior a las de sus versiones anteriores
reason-revision-before-current = { $day } es anterior a { $current }, la fecha a la que vale el texto actual: un texto nuevo debe valer a esa fecha o a una posterior
reason-assessment-before-made = { $date } es anterior a la fecha del compromiso ({ $made })
reason-made-after-assessment = { $made } es posterior a la evaluación de { $rating } que califica este compromiso; cambie o elimine antes esa evaluación

## Registros.
reason-source-needs-date = una fuente necesita su fecha de publicación o, si se desconoce, una fecha «conocida desde» (known_from: el día desde el que se considera conocida)
reason-known-from-only-unknown = la fecha «conocida desde» (known_from) es solo para una fuente cuya fecha de publicación se desconoce
reason-development-needs-source = una novedad necesita al menos una fuente
reason-effect-twice = nombra dos veces el mismo compromiso o la misma preocupación
reason-recommendation-needs-target = una recomendación debe responder al menos a un compromiso o una preocupación
reason-used-by-another = «{ $value }» ya lo usa otro registro ({ $kind })
reason-no-stored-file = ningún archivo guardado tiene el resumen { $value }
reason-remove-needs-reason = eliminar un registro requiere un motivo
reason-change-reason-length = si se indica, debe tener de 1 a { $max } caracteres
reason-actor-name = debe ser un nombre de 1 a 200 caracteres imprimibles

## Rechazos de la base de datos.
reason-already-exists = este registro ({ $kind }) ya existe
reason-already-removed = este registro ({ $kind }) ya se eliminó
reason-removed-not-editable = este registro ({ $kind }) se eliminó y ya no se puede editar
reason-still-referred-to = este registro ({ $kind }) no se puede eliminar: otro registro ({ $from_kind }, campo { $field }) todavía remite a él; cambie o elimine antes ese registro
reason-removed-not-publishable = este registro ({ $kind }) se eliminó y no se puede publicar; retírelo para aprobar la eliminación
reason-already-published = este registro ({ $kind }) ya está publicado en su versión { $version }
reason-not-published = este registro ({ $kind }) no está publicado
reason-nothing-to-review = este registro ({ $kind }) no tiene ningún cambio pendiente de revisión
reason-send-back-needs-comment = devolver un cambio requiere un comentario para su editor

## Revisión.
reason-reviewer-only = solo un revisor puede { $what }; { $user }: { $state }
reason-reviewer-what-approve-change = aprobar un cambio
reason-reviewer-what-approve-assessment = aprobar una evaluación
reason-reviewer-what-send-back = devolver un cambio
reason-user-disabled = cuenta desactivada
reason-role-name = rol «{ $role }»
reason-own-change = este registro ({ $kind }) lo cambió el propio { $user }; otro revisor debe aprobarlo (o un administrador permite la autorrevisión para un equipo de una persona)
reason-say-what-to-change = indique qué debe cambiar el editor
reason-needed-changed = lo que esta aprobación publicaría con ella cambió desde que lo consultó; véalo de nuevo
reason-needed-changed-list = lo que esta aprobación publicaría con ella cambió desde que lo consultó (nuevo o cambiado: { $records }); véalo de nuevo
reason-refers-to-unpublished = un registro público solo puede remitir a registros publicados: { $problems }; publíquelos antes o apruébelo junto con los registros que necesita
reason-needed-record = { $kind } «{ $label }»
reason-refers-to-unpublished-one = { $kind } «{ $label }» remite a { $missing }

## Cuentas.
reason-role = «{ $value }» no es un rol (se espera viewer, editor, reviewer o admin)
reason-token-name = debe tener de 1 a 100 caracteres imprimibles
reason-display-name = debe tener de 1 a 200 caracteres imprimibles
reason-username = debe tener de 1 a 64 letras, cifras, puntos, guiones bajos o guiones
reason-new-username = debe tener de 1 a 64 letras minúsculas a-z, cifras, puntos, guiones bajos o guiones (para que dos nombres nunca se parezcan; el nombre visible puede estar en cualquier escritura)
reason-username-taken = «{ $value }» ya está en uso
reason-password-short = debe tener al menos 10 caracteres
reason-password-long = debe tener como máximo 1000 caracteres
reason-password-wrong = no es su contraseña actual
reason-password-mismatch = no se escribió igual las dos veces
reason-reset-code = deben ser las { $chars } letras y cifras del código que recibió
reason-expires-days = debe ser de 1 a { $max } días en adelante
reason-expires-text = «{ $value }» no es ni un número de días ni una fecha (AAAA-MM-DD)
reason-expires-range = debe ser una fecha entre mañana y { $max } días en adelante
reason-expires-future = debe estar en el futuro
reason-disable-self = no puede desactivar su propia cuenta
reason-last-admin = { $user } es el último administrador activo: haga antes administradora a otra cuenta
reason-account-already-enabled = la cuenta { $user } ya está activada
reason-account-already-disabled = la cuenta { $user } ya está desactivada
reason-account-disabled = la cuenta { $user } está desactivada: actívela antes
reason-reset-disabled = la cuenta { $user } está desactivada: actívela antes de emitir un código de restablecimiento
reason-token-revoked = este token de API ya está revocado

## Ayuda para redactar.
reason-too-many-candidates = este texto da { $count } borradores; se conservan como máximo { $max } por texto: divídalo
reason-draft-needs-text = una fuente de la que redactar necesita su texto
reason-quote-not-in-source = no coincide con el texto de la fuente en los caracteres { $start }..{ $end }
reason-draft-source-removed = esta fuente se eliminó; ya no admite borradores nuevos
reason-draft-source-differs = esta fuente ya existe con otro texto
reason-by-deadline-needs-date = un plazo «con fecha» necesita una fecha: indíquela o elija otro tipo de plazo
reason-during-period-needs-end = un plazo «durante un periodo» necesita el final del periodo: indíquelo o elija otro tipo de plazo
reason-candidate-not-pending = este borrador ya está { $status }; solo se pueden aceptar o rechazar los borradores pendientes
reason-candidate-status-pending = pendiente
reason-candidate-status-accepted = aceptado
reason-candidate-status-rejected = rechazado
reason-candidate-no-actor = el borrador no nombra ningún actor obligado: indique uno
reason-candidate-no-date = ni el borrador ni su fuente dicen cuándo se asumió el compromiso: indique la fecha
reason-quote-no-date = ni la fuente ni el borrador dicen cuándo se escribieron esas palabras
reason-reject-needs-reason = rechazar un borrador requiere un motivo
reason-candidate-pending-outcome = un borrador pendiente no tiene ni compromiso ni motivo de rechazo
reason-candidate-accepted-commitment = un borrador aceptado nombra el compromiso en que se convirtió
reason-candidate-rejected-reason = un borrador rechazado necesita el motivo
reason-candidate-rejected-commitment = un borrador rechazado no puede haberse convertido en compromiso
reason-quote-end = debe ser posterior a quote_start ({ $end } <= { $start })
reason-confidence = debe estar entre 0 y 100

## Búsqueda y cuadro de mando.
reason-search-empty = escriba al menos una palabra para buscar
reason-search-long = tiene más de 1000 caracteres
reason-sort = «{ $value }» no es una columna por la que ordenar (se espera commitment, verdict, deadline o made)
reason-order = «{ $value }» no es un orden (se espera asc o desc)

## Formularios de entrada.
reason-as-written = { $text }
reason-on-line = línea { $line }: { $reason }
reason-no-actor-named = línea { $line }: no hay ningún actor llamado «{ $name }»
reason-several-actors-named = línea { $line }: varios actores se llaman «{ $name }»: indique en su lugar el identificador del que corresponda ({ $ids })
reason-deadline-date-or-milestone = indique una fecha o un hito, no ambos
reason-deadline-needed = «{ $timing }» necesita un plazo (una fecha o un hito)
reason-period-start-needed = «{ $timing }» necesita un inicio (una fecha, o el hito de arriba)
reason-period-end-needed = «{ $timing }» necesita un final
reason-offset-days = debe ser un número entero de días entre -36500 y 36500
reason-choose-a-source = elija al menos una fuente
reason-not-a-direction = «{ $value }» para { $key } no es una dirección
reason-summary-needs-day = un resumen necesita la fecha a la que describe la situación
reason-publisher-name = es obligatorio si se indica la dirección, el sitio web o el correo electrónico del editor
reason-publisher-website = «{ $value }» no es una dirección web (https://...)
reason-publisher-email = «{ $value }» no es una dirección de correo electrónico
reason-recipient-columns = línea { $line }: más de seis columnas; se espera { $expected }
reason-not-a-signatory = línea { $line }: «{ $name }» no es un firmante registrado
reason-several-signatories-named = línea { $line }: varios firmantes se llaman «{ $name }»: indique en su lugar el identificador del que corresponda ({ $ids })
reason-recipient-line = línea { $line }: se espera { $expected }, con un cargo y un saludo
reason-candidate-form = los borradores de compromiso se revisan en la cola de revisión

## Inicio de sesión y configuración.
reason-sign-in-name = Nombre de usuario: { $reason }.
reason-setup-done-sign-in = La configuración ya está hecha: ya existe una cuenta. Inicie sesión.
reason-own-admin-role = No puede quitarse su propio rol de administrador.
reason-setup-done = la configuración ya está hecha: ya existe una cuenta

## Nombres de los campos en un motivo mostrado fuera del formulario.
reason-field-reason = motivo
reason-field-comment = comentario
reason-field-query = búsqueda
reason-field-as-of = a fecha de
reason-field-sort = orden
reason-field-order = sentido
reason-field-role = rol
reason-field-version = versión
reason-field-deadline-from = plazo desde
reason-field-deadline-to = plazo hasta
reason-field-expires = caducidad
reason-field-name = nombre
reason-came-from-no-direction = indique cómo afecta esta novedad al compromiso del que viene (o a otro registro): tal como está, no quedaría vinculada a nada
reason-source-typed-not-added = abajo hay una fuente nueva escrita pero no añadida: pulse primero «Añadir la fuente y elegirla» o vacíe sus campos
