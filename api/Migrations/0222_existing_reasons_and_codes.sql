-- Existing data under the seed's rules.
--
-- 1. Officers' reasons were published verbatim, contact details included (an officer's name and phone reached verify).
--    None of them was written for the public, so every one becomes the internal note and the public reason stays empty;
--    the status and its effective date remain public. The registry's own reasons stay public, in Kazakh and Russian.
-- 2. Sectors and activity sub-types were English codes from lists the seed never gives; the form has free-text blanks
--    (l. 2177–2185). Known codes become their Kazakh / Russian wording.
-- 3. Old outbox payloads lose officers' reasons too, so a projector rebuild never republishes them.
-- Every document touched is queued for republication.

insert into documents_to_republish (document_id)
select distinct h.document_id from document_status_history h where h.public_reason is not null
union
select d.id from documents d
where exists (select 1 from application_sectors s where s.application_id = d.application_id
              and s.sector in ('oil-and-gas', 'mining', 'chemical', 'power', 'metallurgy', 'gas-supply', 'lifting-equipment', 'explosives'))
   or exists (select 1 from application_activities a where a.application_id = d.application_id
              and a.activity in ('industrial-safety-expertise', 'emergency-rescue-works', 'specialist-training', 'technical-diagnostics', 'hazardous-facility-design'))
on conflict do nothing;

update document_status_history
set internal_note = public_reason, public_reason = null
where public_reason is not null
  and public_reason not in ('Deemed issued: no answer by the deadline', 'The document''s term has ended');

update document_status_history h
set public_reason = case d.kind
        when 'attestation' then 'Аттестат берілді деп есептеледі / Аттестат считается выданным'
        when 'permit' then 'Рұқсат берілді деп есептеледі / Разрешение считается выданным'
        when 'declaration' then 'Өнеркәсіптік қауіпсіздік декларациясы тіркелді деп есептеледі / Декларация промышленной безопасности считается зарегистрированной'
        when 'accreditation' then 'Аккредиттеу аттестаты берілді деп есептеледі / Аттестат аккредитации считается выданным'
        when 'fire-equipment-conclusion' then 'Қорытынды берілді деп есептеледі / Заключение считается выданным'
        when 'standard-agreement' then 'Ұйым стандарты келісілді деп есептеледі / Стандарт организации считается согласованным'
    end
from documents d
where d.id = h.document_id and h.public_reason = 'Deemed issued: no answer by the deadline';

update document_status_history set public_reason = 'Қолданылу мерзімі аяқталды / Срок действия истёк'
where public_reason = 'The document''s term has ended';

update application_sectors set sector = case sector
        when 'oil-and-gas' then 'Мұнай-газ саласы / Нефтегазовая отрасль'
        when 'mining' then 'Тау-кен өндірісі / Горнодобывающая отрасль'
        when 'chemical' then 'Химия өнеркәсібі / Химическая промышленность'
        when 'power' then 'Энергетика / Энергетика'
        when 'metallurgy' then 'Металлургия / Металлургия'
        when 'gas-supply' then 'Газбен жабдықтау / Газоснабжение'
        when 'lifting-equipment' then 'Жүк көтергіш механизмдер / Грузоподъёмные механизмы'
        when 'explosives' then 'Жарылғыш заттар / Взрывчатые вещества'
    end
where sector in ('oil-and-gas', 'mining', 'chemical', 'power', 'metallurgy', 'gas-supply', 'lifting-equipment', 'explosives');

update application_activities set activity = case activity
        when 'industrial-safety-expertise' then 'Өнеркәсіптік қауіпсіздік сараптамасы / Экспертиза промышленной безопасности'
        when 'emergency-rescue-works' then 'Авариялық-құтқару жұмыстары / Аварийно-спасательные работы'
        when 'specialist-training' then 'Мамандарды даярлау / Подготовка специалистов'
        when 'technical-diagnostics' then 'Техникалық диагностикалау / Техническое диагностирование'
        when 'hazardous-facility-design' then 'Қауіпті өндірістік объектілерді жобалау / Проектирование опасных производственных объектов'
    end
where activity in ('industrial-safety-expertise', 'emergency-rescue-works', 'specialist-training', 'technical-diagnostics', 'hazardous-facility-design');

update outbox o
set payload = jsonb_set(o.payload, '{document,history}', (
    select coalesce(jsonb_agg(case
               when e.h->>'reason' is null or e.h->>'reason' in ('Deemed issued: no answer by the deadline', 'The document''s term has ended') then e.h
               else jsonb_set(e.h, '{reason}', 'null'::jsonb) end order by e.i), '[]'::jsonb)
    from jsonb_array_elements(o.payload->'document'->'history') with ordinality as e(h, i)))
where o.type = 'document-changed.v1'
  and exists (select 1 from jsonb_array_elements(o.payload->'document'->'history') x(h)
              where x.h->>'reason' is not null
                and x.h->>'reason' not in ('Deemed issued: no answer by the deadline', 'The document''s term has ended'));
