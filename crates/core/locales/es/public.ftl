# Las páginas públicas de novedades, fuentes, citas, preocupaciones,
# recomendaciones, actores y eventos; tipos de registro en la búsqueda.

public-kind-commitment = Compromiso
public-kind-development = Novedad
public-kind-source = Fuente
public-kind-quote = Cita
public-kind-concern = Preocupación
public-kind-recommendation = Recomendación
public-kind-actor = Actor
public-kind-occasion = Evento

## Datos de un registro.
public-fact-publisher = Editor
public-fact-author = Autor
public-fact-language = Idioma
public-fact-file = Archivo
public-fact-speaker = Orador
public-fact-source = Fuente
public-fact-locator = Lugar en la fuente
public-fact-themes = Temas
public-fact-priority = Prioridad
public-fact-responsible = Dirigida a
public-fact-proposed-by = Recomendada por
public-fact-occasion = Evento
public-fact-response = Respuesta
public-fact-kind = Tipo
public-fact-short-name = Nombre corto
public-fact-country = Código de país
public-fact-roles = Cargos
public-fact-place = Lugar
public-fact-organiser = Organizado por

## Valores elegidos de una lista.
public-value-state = Estado
public-value-institution = Institución
public-value-person = Persona
public-value-organisation = Organización
public-value-conference = Conferencia
public-value-session = Sesión
public-value-speech = Discurso
public-value-letter = Carta
public-value-report = Informe
public-value-other = Otro
public-value-supported = Aceptada
public-value-noted = Tomada en cuenta
public-value-pending = Todavía sin respuesta

## Listas de registros relacionados.
public-section-commitments = Compromisos
public-section-concerns = Preocupaciones
public-section-sources = Fuentes
public-section-quotes = Citas
public-section-developments = Novedades
public-section-recommendations-citing = Recomendaciones que la citan
public-section-answers-commitments = Compromisos que haría avanzar
public-section-answers-concerns = Preocupaciones a las que responde
public-section-recommendations = Recomendaciones
public-section-occasions = Eventos organizados
public-section-promised-here = Compromisos asumidos aquí
public-section-recommended-here = Recomendaciones formuladas aquí

public-add-quote = Añadir una cita de esta fuente
public-stored-copy = La copia guardada
public-web-address = Dirección web
public-nothing-cites = Todavía no la cita nada publicado.
public-record-page = Registro e historial
