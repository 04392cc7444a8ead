# La página de inicio: los expedientes, acerca de, datos abiertos, canales.

home-title = Expedientes
home-none = Todavía no se ha publicado ningún expediente.
home-draft = Borrador
home-commitments = { $n ->
    [one] { $n } compromiso
   *[other] { $n } compromisos
}
home-new-dossier = Nuevo expediente
home-about = Acerca de
home-about-text = Cada expediente sigue los compromisos que un gobierno asumió en foros internacionales: las palabras exactas, quién los asumió, dónde y para cuándo. Cada novedad está fechada y documentada, y cada calificación de los avances da sus motivos y quién la hizo y la revisó, para que cualquiera pueda comprobar qué se cumplió, qué no y qué retrocedió.
home-about-scale = Las calificaciones usan una escala que nombra cada veredicto (de «No iniciado» a «Cumplido», con «Estancado», «Regresión» e «Incumplido»). Un compromiso está vencido cuando su plazo ha pasado sin que se haya cumplido, y en retroceso mientras su calificación actual sea inferior a una anterior.
home-open-data = Datos abiertos
home-download-team = Descargar los expedientes:
home-download-public = Descargar los expedientes publicados:
home-api = Los programas pueden leer lo mismo a través de la API JSON:
home-api-link = API JSON
home-licence = Licencia de los datos: { $licence }.
home-licence-none = Licencia de los datos no indicada; consulte al editor antes de reutilizarlos.
home-feeds = Canales
home-feeds-text = Siga las novedades y calificaciones en cualquier lector de canales (Atom). Cada página de compromiso tiene también su propio canal.
